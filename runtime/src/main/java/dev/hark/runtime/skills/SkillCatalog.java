package dev.hark.runtime.skills;

import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.DatasetException;
import dev.hark.nlu.dataset.DatasetLoader;
import dev.hark.skill.IntentDeclaration;
import dev.hark.skill.Skill;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The installed skills: the built-in ones found on Hark's class path and the plugin jars of a skills
 * folder, each jar in its own {@link SkillClassLoader}, all found with {@link ServiceLoader}. Loading reads
 * every skill's intent declaration with the NLU dataset loader and refuses to start on any fault, naming
 * the skill and its jar: a jar without a skill, a missing or malformed declaration, two skills with one
 * name, or one intent declared by two skills. Costs one class loader per jar and one dataset parse per
 * skill, at start-up only. {@link #close()} releases the plugin class loaders.
 */
public final class SkillCatalog implements AutoCloseable {
    private final List<LoadedSkill> skills;
    private final Map<String, LoadedSkill> byIntent;
    private final List<URLClassLoader> loaders;

    private SkillCatalog(List<LoadedSkill> skills, Map<String, LoadedSkill> byIntent, List<URLClassLoader> loaders) {
        this.skills = Collections.unmodifiableList(skills);
        this.byIntent = Collections.unmodifiableMap(byIntent);
        this.loaders = loaders;
    }

    /**
     * Loads the built-in skills and the {@code *.jar} files of {@code skillsFolder} (in name order; null or a
     * missing folder: built-ins only).
     */
    public static SkillCatalog load(Path skillsFolder) throws SkillLoadException {
        List<LoadedSkill> skills = new ArrayList<>();
        List<URLClassLoader> loaders = new ArrayList<>();
        try {
            for (Skill s : providers(ServiceLoader.load(Skill.class, SkillCatalog.class.getClassLoader()), null, "the class path")) {
                skills.add(declared(s, originOf(s)));
            }
            for (Path jar : jars(skillsFolder)) {
                SkillClassLoader loader;
                try {
                    loader = new SkillClassLoader(jar);
                } catch (IOException e) {
                    throw new SkillLoadException(jar + ": cannot open: " + e.getMessage(), e);
                }
                loaders.add(loader);
                List<Skill> found = providers(ServiceLoader.load(Skill.class, loader), loader, jar.toString());
                if (found.isEmpty()) {
                    throw new SkillLoadException(jar + ": holds no skill (no META-INF/services/" + Skill.class.getName() + " listing a class)");
                }
                for (Skill s : found) {
                    skills.add(declared(s, jar.toString()));
                }
            }
            return new SkillCatalog(skills, indexByIntent(skills), loaders);
        } catch (SkillLoadException | RuntimeException e) {
            closeAll(loaders);
            throw e;
        }
    }

    /** The providers whose classes come from {@code own} (null: any), instantiated. */
    private static List<Skill> providers(ServiceLoader<Skill> sl, ClassLoader own, String where) throws SkillLoadException {
        List<Skill> out = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<Skill> p : (Iterable<ServiceLoader.Provider<Skill>>) sl.stream()::iterator) {
                if (own == null || p.type().getClassLoader() == own) {
                    out.add(p.get());
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new SkillLoadException(where + ": cannot load a skill: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause() + ")"), e);
        }
        return out;
    }

    private static List<Path> jars(Path folder) throws SkillLoadException {
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new SkillLoadException(folder + ": cannot list the skills folder: " + e.getMessage(), e);
        }
    }

    private static String originOf(Skill s) {
        CodeSource cs = s.getClass().getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return "built-in";
        }
        try {
            return "built-in " + Path.of(cs.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "built-in " + cs.getLocation();
        }
    }

    private static LoadedSkill declared(Skill skill, String origin) throws SkillLoadException {
        String label = "skill '" + skill.name() + "' (" + origin + ")";
        IntentDeclaration d;
        try {
            d = skill.intents();
        } catch (RuntimeException e) {
            throw new SkillLoadException(label + ": intents() failed: " + e, e);
        }
        String text;
        try (InputStream in = skill.getClass().getResourceAsStream(d.resource())) {
            if (in == null) {
                throw new SkillLoadException(label + ": intent declaration resource '" + d.resource()
                        + "' not found beside " + skill.getClass().getName());
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SkillLoadException(label + ": cannot read '" + d.resource() + "': " + e.getMessage(), e);
        }
        String name = origin + "!" + d.resource();
        try {
            Dataset dataset = d.format() == IntentDeclaration.Format.SNIPS_DATASET
                    ? DatasetLoader.fromJson(text, name)
                    : DatasetLoader.fromTemplates(text, name);
            return new LoadedSkill(skill, origin, dataset);
        } catch (DatasetException e) {
            throw new SkillLoadException(label + ": bad intent declaration: " + String.join("; ", e.problems()), e);
        }
    }

    private static Map<String, LoadedSkill> indexByIntent(List<LoadedSkill> skills) throws SkillLoadException {
        Map<String, LoadedSkill> byName = new LinkedHashMap<>();
        Map<String, LoadedSkill> byIntent = new LinkedHashMap<>();
        for (LoadedSkill s : skills) {
            LoadedSkill other = byName.putIfAbsent(s.name(), s);
            if (other != null) {
                throw new SkillLoadException("two skills are named '" + s.name() + "': one from " + other.origin()
                        + ", one from " + s.origin());
            }
            for (String intent : s.dataset().intents().keySet()) {
                other = byIntent.putIfAbsent(intent, s);
                if (other != null) {
                    throw new SkillLoadException("intent '" + intent + "' is declared by two skills: '" + other.name()
                            + "' (" + other.origin() + ") and '" + s.name() + "' (" + s.origin() + ")");
                }
            }
        }
        return byIntent;
    }

    /** Every installed skill, built-ins first, then plugins in jar-name order. */
    public List<LoadedSkill> skills() {
        return skills;
    }

    /** The skill that declared the intent. */
    public Optional<LoadedSkill> skillFor(String intentName) {
        return Optional.ofNullable(byIntent.get(intentName));
    }

    /** Closes the plugin class loaders; call after the skills are closed. */
    @Override
    public void close() {
        closeAll(loaders);
    }

    private static void closeAll(List<URLClassLoader> loaders) {
        for (URLClassLoader l : loaders) {
            try {
                l.close();
            } catch (IOException ignored) {
                // nothing to do: the jar's file handle goes with the process
            }
        }
    }
}
