package dev.hark.speaker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {
    @TempDir
    Path dir;

    private static VoiceProfile profile(String name, String model, float... first) {
        float[] a = new float[4];
        float[] b = new float[4];
        a[0] = 1;
        b[1] = 1;
        if (first.length > 0) {
            a = Embeddings.normalise(first.clone());
        }
        return VoiceProfile.of(name, model, new float[][] {a, b}, 3.5);
    }

    @Test
    void savedProfileLoadsBackWithTheSameEmbeddings() throws IOException {
        ProfileStore store = new ProfileStore(dir.resolve("profiles"));
        VoiceProfile alice = profile("alice", "m");
        store.save(alice);
        store.save(profile("bob", "m", 0, 0, 1, 0));
        ProfileStore.Contents c = store.load("m", 4);
        assertEquals(List.of(), c.problems());
        assertEquals(List.of("alice", "bob"), c.profiles().stream().map(VoiceProfile::name).toList());
        VoiceProfile back = c.profiles().get(0);
        assertArrayEquals(alice.mean(), back.mean(), 1e-7f);
        assertEquals(2, back.enrollments().length);
        assertArrayEquals(alice.enrollments()[1], back.enrollments()[1], 1e-7f);
        assertEquals(3.5, back.speechSeconds(), 1e-9);
        // the mean of two orthogonal unit vectors, re-normalised
        assertEquals(Math.sqrt(0.5), back.mean()[0], 1e-6);
    }

    @Test
    void rewritingReplacesTheProfileAndLeavesNoTemporaryFile() throws IOException {
        ProfileStore store = new ProfileStore(dir);
        store.save(profile("alice", "m"));
        store.save(profile("alice", "m", 0, 0, 0, 1));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("alice.json"), files.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(1, store.load("m", 4).profiles().get(0).enrollments()[0][3], 1e-7);
    }

    @Test
    void corruptAndForeignProfilesAreReportedAndSkipped() throws IOException {
        ProfileStore store = new ProfileStore(dir);
        store.save(profile("alice", "m"));
        store.save(profile("carol", "other-model"));
        Files.writeString(dir.resolve("bob.json"), "{\"format\": 1, \"name\": \"bob\", \"mean\": [0.1,");
        Files.writeString(dir.resolve("dave.json"),
                "{\"format\":1,\"name\":\"dave\",\"model\":\"m\",\"mean\":[1,0,0],\"enrollments\":[[1,0,0]]}");
        ProfileStore.Contents c = store.load("m", 4);
        assertEquals(List.of("alice"), c.profiles().stream().map(VoiceProfile::name).toList());
        assertEquals(3, c.problems().size());
        String all = c.problems().toString();
        assertTrue(all.contains("bob.json: corrupt profile (not valid JSON)"), all);
        assertTrue(all.contains("carol.json: enrolled with model other-model"), all);
        assertTrue(all.contains("dave.json: corrupt profile (enrollments[0] is not 4 numbers)"), all);
    }

    @Test
    void deleteRemovesOnlyTheNamedProfile() throws IOException {
        ProfileStore store = new ProfileStore(dir);
        store.save(profile("alice", "m"));
        store.save(profile("bob", "m"));
        assertTrue(store.delete("alice"));
        assertFalse(store.delete("alice"));
        assertEquals(List.of("bob"), store.load("m", 4).profiles().stream().map(VoiceProfile::name).toList());
    }

    @Test
    void namesThatCannotBeSafeFileNamesAreRefused() {
        ProfileStore store = new ProfileStore(dir);
        for (String bad : new String[] {"", "../evil", "a/b", ".hidden", "x".repeat(65)}) {
            assertThrows(IllegalArgumentException.class, () -> store.fileOf(bad), bad);
        }
        assertEquals(dir.resolve("Mary Ann-2.json"), store.fileOf("Mary Ann-2"));
    }

    @Test
    void missingFolderIsAnEmptyStore() throws IOException {
        ProfileStore.Contents c = new ProfileStore(dir.resolve("none")).load("m", 4);
        assertTrue(c.profiles().isEmpty());
        assertTrue(c.problems().isEmpty());
    }
}
