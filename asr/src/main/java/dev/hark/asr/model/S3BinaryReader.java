package dev.hark.asr.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reader for the Sphinx-3 binary parameter format (means, variances, transition matrices,
 * mixture weights): an "s3" text header of name/value lines ending in "endhdr", the 32-bit
 * byte-order magic 0x11223344 (which tells the file's endianness), the data, and, when the header
 * says {@code chksum0}, a trailing rotate-and-add checksum over every 32-bit value read.
 * Loads the whole file into memory once; not thread-safe.
 */
final class S3BinaryReader {
    private static final int BYTE_ORDER_MAGIC = 0x11223344;

    private final Path file;
    private final ByteBuffer buf;
    private final Map<String, String> header = new LinkedHashMap<>();
    private final boolean checksummed;
    private int checksum;

    S3BinaryReader(Path file) throws IOException {
        this.file = file;
        byte[] bytes = Files.readAllBytes(file);
        buf = ByteBuffer.wrap(bytes);
        String first = readLine();
        if (!first.equals("s3")) {
            throw new ModelFormatException(file + ": not a Sphinx-3 binary file (no s3 header)");
        }
        while (true) {
            String line = readLine().trim();
            if (line.equals("endhdr")) break;
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] kv = line.split("\\s+", 2);
            header.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        buf.order(ByteOrder.LITTLE_ENDIAN);
        int magic = buf.getInt();
        if (magic != BYTE_ORDER_MAGIC) {
            if (Integer.reverseBytes(magic) != BYTE_ORDER_MAGIC) {
                throw new ModelFormatException(file + String.format(": bad byte-order magic %08x", magic));
            }
            buf.order(ByteOrder.BIG_ENDIAN);
        }
        checksummed = header.containsKey("chksum0");
    }

    private String readLine() throws ModelFormatException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (!buf.hasRemaining()) throw new ModelFormatException(file + ": truncated header");
            char c = (char) (buf.get() & 0xff);
            if (c == '\n') return sb.toString();
            sb.append(c);
            if (sb.length() > 4096) throw new ModelFormatException(file + ": header line too long");
        }
    }

    Map<String, String> header() {
        return header;
    }

    int readInt() throws ModelFormatException {
        need(4);
        int v = buf.getInt();
        accumulate(v);
        return v;
    }

    float[] readFloats(int n) throws ModelFormatException {
        need(4L * n);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            int bits = buf.getInt();
            accumulate(bits);
            out[i] = Float.intBitsToFloat(bits);
        }
        return out;
    }

    private void accumulate(int v) {
        checksum = ((checksum << 20) | (checksum >>> 12)) + v;
    }

    private void need(long n) throws ModelFormatException {
        if (buf.remaining() < n) throw new ModelFormatException(file + ": truncated data");
    }

    /** Checks the trailing checksum (if the header announces one) and that nothing follows. */
    void finish() throws ModelFormatException {
        if (checksummed) {
            need(4);
            int stored = buf.getInt();
            if (stored != checksum) {
                throw new ModelFormatException(file + String.format(": checksum mismatch (file %08x, computed %08x)", stored, checksum));
            }
        }
        if (buf.hasRemaining()) {
            throw new ModelFormatException(file + ": " + buf.remaining() + " unexpected trailing bytes");
        }
    }
}
