package dev.hark.runtime.skills;

import dev.hark.skill.Skill;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds real plugin jars for tests: compiles a skill's source against the skill API alone and jars it. */
public final class PluginJars {
    private PluginJars() {
    }

    /**
     * A jar {@code dir/jarName} holding class {@code pkg.Name} compiled from {@code source}, listed as a
     * skill service (unless {@code listed} is false), and the resource {@code pkg/<resource>} with {@code resourceText}.
     */
    static Path build(Path dir, String jarName, String className, String source, String resource, String resourceText,
                      boolean listed) throws IOException {
        Path src = dir.resolve("src-" + jarName);
        Path classes = dir.resolve("classes-" + jarName);
        String pkgPath = className.substring(0, className.lastIndexOf('.')).replace('.', '/');
        Path file = src.resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.createDirectories(classes);
        Files.writeString(file, source);
        String api;
        try {
            api = Path.of(Skill.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean ok = javac.getTask(errors, null, null, List.of("-cp", api, "-d", classes.toString(), "--release", "17"),
                null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file)).call();
        if (!ok) {
            throw new IllegalStateException("plugin source does not compile:\n" + errors);
        }
        Path jar = dir.resolve(jarName);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    put(out, classes.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
            if (listed) {
                put(out, "META-INF/services/" + Skill.class.getName(), (className + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (resource != null) {
                put(out, pkgPath + "/" + resource, resourceText.getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream o = out;
        o.write(bytes);
        out.closeEntry();
    }

    /** Source of a skill {@code plugin.<Name>} named {@code skillName} whose handle body is {@code body}. */
    static String skillSource(String simpleName, String skillName, String body) {
        return """
                package plugin;

                import dev.hark.skill.*;

                public class %s implements Skill {
                    public String name() { return "%s"; }
                    public IntentDeclaration intents() { return IntentDeclaration.dataset("%s.json"); }
                    public Response handle(IntentRequest request, SkillContext context) throws Exception {
                        %s
                    }
                }
                """.formatted(simpleName, skillName, skillName, body);
    }

    /** A Snips dataset declaring the intents, each with one utterance "<intent> please". */
    static String dataset(String... intents) {
        StringBuilder sb = new StringBuilder("{\"language\": \"en\", \"intents\": {");
        for (int i = 0; i < intents.length; i++) {
            sb.append(i == 0 ? "" : ", ").append('"').append(intents[i]).append("\": {\"utterances\": [{\"data\": [{\"text\": \"")
                    .append(intents[i].toLowerCase()).append(" please\"}]}]}");
        }
        return sb.append("}, \"entities\": {}}").toString();
    }

    /**
     * A plugin jar {@code plugin.<Name>} declaring the intents of {@code datasetJson} (a Snips dataset,
     * e.g. commands-dev's barista.json) and answering with {@code body}.
     */
    public static Path skillWithDataset(Path dir, String jarName, String simpleName, String skillName, String body,
                                        String datasetJson) throws IOException {
        return build(dir, jarName, "plugin." + simpleName, skillSource(simpleName, skillName, body),
                skillName + ".json", datasetJson, true);
    }

    /** A plugin jar {@code plugin.<Name>} declaring the intents and answering with {@code body}. */
    public static Path skill(Path dir, String jarName, String simpleName, String skillName, String body, String... intents)
            throws IOException {
        return build(dir, jarName, "plugin." + simpleName, skillSource(simpleName, skillName, body),
                skillName + ".json", dataset(intents), true);
    }
}
