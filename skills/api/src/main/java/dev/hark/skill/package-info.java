/**
 * The Hark skill API: implement {@link dev.hark.skill.Skill}, declare intents in a dataset or templates,
 * list the class in {@code META-INF/services/dev.hark.skill.Skill}, and drop the jar into Hark's skills
 * folder. This package depends on the JDK alone.
 */
package dev.hark.skill;
