package dev.hark.runtime.skills;

import dev.hark.nlu.dataset.Chunk;
import dev.hark.nlu.dataset.Intent;
import dev.hark.nlu.dataset.Utterance;
import dev.hark.nlu.template.Template;
import dev.hark.nlu.template.TemplateNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The slots of an intent and the entity filling each, from its utterances and templates. */
public final class SlotEntities {
    private SlotEntities() {
    }

    /** Slot name to entity name, in the order first declared. */
    public static Map<String, String> of(Intent intent) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Utterance u : intent.utterances()) {
            for (Chunk c : u.slots()) {
                out.putIfAbsent(c.slotName(), c.entity());
            }
        }
        for (Template t : intent.templates()) {
            collect(t.root(), out);
        }
        return out;
    }

    private static void collect(TemplateNode node, Map<String, String> out) {
        if (node instanceof TemplateNode.SlotRef s) {
            out.putIfAbsent(s.slotName(), s.entity());
        } else if (node instanceof TemplateNode.Sequence q) {
            q.items().forEach(n -> collect(n, out));
        } else if (node instanceof TemplateNode.Alternatives a) {
            a.choices().forEach(n -> collect(n, out));
        } else if (node instanceof TemplateNode.Optional o) {
            collect(o.child(), out);
        }
    }
}
