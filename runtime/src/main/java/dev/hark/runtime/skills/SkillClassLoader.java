package dev.hark.runtime.skills;

import dev.hark.skill.Skill;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The class loader of one plugin jar. It sees the JDK, the skill API (shared with Hark, so a plugin's
 * {@link Skill} is Hark's) and the jar itself; nothing of Hark's own libraries, so a plugin may bundle
 * any version of anything without clashing with Hark or with other plugins.
 */
final class SkillClassLoader extends URLClassLoader {
    private static final String API_PACKAGE = Skill.class.getPackageName() + ".";
    private final ClassLoader api = Skill.class.getClassLoader();

    SkillClassLoader(Path jar) throws java.net.MalformedURLException {
        super("skill:" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE)) {
            return api.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
