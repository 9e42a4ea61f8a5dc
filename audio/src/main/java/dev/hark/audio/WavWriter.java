package dev.hark.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes 16-bit mono PCM WAV files (or their bytes, for a message), atomically (a temporary file renamed into place), so a reader
 * never sees half a file. Used for spoken responses written to a folder and for generated fixtures.
 */
public final class WavWriter {
    private WavWriter() {
    }

    /** The bytes of a 16-bit mono WAV file of {@code samples} at {@code sampleRate} (for a file or a message). */
    public static byte[] encode(short[] samples, int sampleRate) {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + samples.length * 2)
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(samples.length * 2);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    /** Writes {@code samples} as a 16-bit mono WAV at {@code sampleRate}. */
    public static void write(Path file, short[] samples, int sampleRate) throws IOException {
        byte[] wav = encode(samples, sampleRate);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, wav);
            // temporary files are created owner-only; a written recording is an ordinary file
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
