package dev.hark.asr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.asr.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The binary mdef reader against pocketsphinx's own text conversion
 * ({@code pocketsphinx_mdef_convert -text}): every triphone must map to the same senones and matrix.
 */
class ModelDefinitionTest {
    @Test
    void everyPhoneMatchesPocketsphinxTextConversion() throws Exception {
        Path text = TestData.scratch("mdef").resolve("mdef.txt");
        TestData.run(List.of("pocketsphinx_mdef_convert", "-text", TestData.MODEL.resolve("mdef").toString(), text.toString()));
        ModelDefinition mdef = ModelDefinition.read(TestData.MODEL.resolve("mdef"));
        String wpos = "ibes";
        int checked = 0;
        for (String line : Files.readAllLines(text)) {
            if (line.isEmpty() || line.startsWith("#") || !line.endsWith(" N")) continue;
            String[] f = line.trim().split("\\s+");
            int base = mdef.ciPhone(f[0]);
            int phone;
            if (f[1].equals("-")) {
                phone = base;
                assertEquals(f[4].equals("filler"), mdef.isFiller(base), line);
            } else {
                phone = mdef.phone(base, mdef.ciPhone(f[1]), mdef.ciPhone(f[2]), wpos.indexOf(f[3]));
            }
            assertEquals(Integer.parseInt(f[5]), mdef.transitionMatrix(phone), line);
            for (int s = 0; s < 3; s++) {
                assertEquals(Integer.parseInt(f[6 + s]), mdef.senone(phone, s), line);
            }
            checked++;
        }
        assertEquals(mdef.phoneCount(), checked);
        assertEquals(5126, mdef.senoneCount());
        assertTrue(mdef.senoneToCi(mdef.senone(mdef.ciPhone("AA"), 0)) == mdef.ciPhone("AA"));
    }
}
