package dev.hark.runtime.skills;

/**
 * Hark cannot start with the installed skills: a plugin jar that holds no skill or cannot be loaded, an
 * intent declaration that is missing or malformed, two skills with one name, or two skills declaring the
 * same intent. The message names the skills and the jars they came from.
 */
public final class SkillLoadException extends Exception {
    SkillLoadException(String message) {
        super(message);
    }

    SkillLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
