package dev.hark.runtime.skills;

import static org.junit.jupiter.api.Assertions.*;

import dev.hark.skill.IntentRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkillCatalogTest {
    @TempDir
    Path dir;

    private Path skillsFolder() throws Exception {
        return Files.createDirectories(dir.resolve("skills"));
    }

    @Test
    void builtInSkillsComeFromTheClassPathWithTheirDatasets() throws Exception {
        try (SkillCatalog catalog = SkillCatalog.load(null)) {
            assertEquals(List.of("clock", "timers", "help", "gpio"), catalog.skills().stream().map(LoadedSkill::name).toList());
            assertEquals("timers", catalog.skillFor("setTimer").orElseThrow().name());
            assertEquals("clock", catalog.skillFor("getTime").orElseThrow().name());
            assertTrue(catalog.skillFor("noSuchIntent").isEmpty());
            assertTrue(catalog.skillFor("setTimer").orElseThrow().origin().startsWith("built-in"));
            assertEquals(List.of("set a timer for five minutes", "set an alarm for seven am", "what timers are set",
                    "cancel the timer", "how much time is left"), catalog.skillFor("setTimer").orElseThrow().info().examples());
        }
    }

    @Test
    void aPluginJarLoadsInItsOwnClassLoaderThatSeesOnlyTheApi() throws Exception {
        Path folder = skillsFolder();
        PluginJars.skill(folder, "weather.jar", "Weather", "weather", """
                try {
                    Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, getClass().getClassLoader());
                    return Response.say("I can see Hark's libraries");
                } catch (ClassNotFoundException e) {
                    return Response.say("isolated");
                }""", "getWeather");
        try (SkillCatalog catalog = SkillCatalog.load(folder)) {
            LoadedSkill weather = catalog.skillFor("getWeather").orElseThrow();
            assertEquals(folder.resolve("weather.jar").toString(), weather.origin());
            assertInstanceOf(SkillClassLoader.class, weather.skill().getClass().getClassLoader());
            assertEquals("isolated", weather.skill().handle(IntentRequest.builder("getWeather").build(), null).text().orElseThrow());
            assertEquals(5, catalog.skills().size(), "four built-ins and the plugin");
        }
    }

    @Test
    void aPluginDeclaringABuiltInIntentIsAStartErrorNamingBoth() throws Exception {
        Path folder = skillsFolder();
        PluginJars.skill(folder, "myclock.jar", "MyClock", "myclock", "return Response.silent();", "getTime");
        var e = assertThrows(SkillLoadException.class, () -> SkillCatalog.load(folder));
        assertTrue(e.getMessage().startsWith("intent 'getTime' is declared by two skills: 'clock' (built-in "), e.getMessage());
        assertTrue(e.getMessage().endsWith("and 'myclock' (" + folder.resolve("myclock.jar") + ")"), e.getMessage());
    }

    @Test
    void twoPluginsDeclaringOneIntentNameBothJars() throws Exception {
        Path folder = skillsFolder();
        PluginJars.skill(folder, "a-lights.jar", "Lights", "lights", "return Response.silent();", "dimLights");
        PluginJars.skill(folder, "b-lamps.jar", "Lamps", "lamps", "return Response.silent();", "brighten", "dimLights");
        var e = assertThrows(SkillLoadException.class, () -> SkillCatalog.load(folder));
        assertEquals("intent 'dimLights' is declared by two skills: 'lights' (" + folder.resolve("a-lights.jar")
                + ") and 'lamps' (" + folder.resolve("b-lamps.jar") + ")", e.getMessage());
    }

    @Test
    void aJarWithoutASkillIsRefused() throws Exception {
        Path folder = skillsFolder();
        PluginJars.build(folder, "empty.jar", "plugin.Nothing", "package plugin; public class Nothing {}", null, null, false);
        var e = assertThrows(SkillLoadException.class, () -> SkillCatalog.load(folder));
        assertTrue(e.getMessage().startsWith(folder.resolve("empty.jar") + ": holds no skill"), e.getMessage());
    }

    @Test
    void aMalformedDatasetIsRefusedNamingSkillAndJar() throws Exception {
        Path folder = skillsFolder();
        PluginJars.build(folder, "broken.jar", "plugin.Broken",
                PluginJars.skillSource("Broken", "broken", "return Response.silent();"),
                "broken.json", "{\"language\": \"en\", \"intents\": {\"x\": {\"utterances\": [{\"data\": [{\"text\": \"a\", \"entity\": \"nope\", \"slot_name\": \"s\"}]}]}}, \"entities\": {}}",
                true);
        var e = assertThrows(SkillLoadException.class, () -> SkillCatalog.load(folder));
        assertTrue(e.getMessage().startsWith("skill 'broken' (" + folder.resolve("broken.jar") + "): bad intent declaration: "), e.getMessage());
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void aMissingDeclarationResourceIsRefused() throws Exception {
        Path folder = skillsFolder();
        PluginJars.build(folder, "bare.jar", "plugin.Bare",
                PluginJars.skillSource("Bare", "bare", "return Response.silent();"), null, null, true);
        var e = assertThrows(SkillLoadException.class, () -> SkillCatalog.load(folder));
        assertTrue(e.getMessage().contains("intent declaration resource 'bare.json' not found"), e.getMessage());
    }
}
