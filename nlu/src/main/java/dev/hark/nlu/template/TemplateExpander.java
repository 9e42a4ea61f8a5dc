package dev.hark.nlu.template;

import dev.hark.nlu.dataset.BuiltinEntity;
import dev.hark.nlu.dataset.Chunk;
import dev.hark.nlu.dataset.CustomEntity;
import dev.hark.nlu.dataset.Dataset;
import dev.hark.nlu.dataset.EntityValue;
import dev.hark.nlu.dataset.Utterance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;

/**
 * Turns templates into annotated {@link Utterance}s of the dataset model, filling each {@code $entity:slot}
 * with the entity's values and synonyms (custom) or phrases of its grammar (built-in). Three ways, none
 * of which materialises a template's full language: {@link #count} (saturating at {@link Long#MAX_VALUE}),
 * {@link #expand} (a lazy iterator, memory proportional to the template's depth), and {@link #sample}
 * (at most {@code max} distinct utterances: all of them when there are that few, else random ones).
 */
public final class TemplateExpander {
    private final Dataset dataset;

    /** An expander whose slot references resolve against {@code dataset}'s entities. */
    public TemplateExpander(Dataset dataset) {
        this.dataset = dataset;
    }

    /** How many utterances {@code node} expands to (counting duplicates), capped at {@link Long#MAX_VALUE}. */
    public long count(TemplateNode node) {
        if (node instanceof TemplateNode.Word) {
            return 1;
        }
        if (node instanceof TemplateNode.SlotRef s) {
            return slotCount(s);
        }
        if (node instanceof TemplateNode.Optional o) {
            return add(1, count(o.child()));
        }
        if (node instanceof TemplateNode.Alternatives a) {
            long n = 0;
            for (TemplateNode c : a.choices()) {
                n = add(n, count(c));
            }
            return n;
        }
        long n = 1;
        for (TemplateNode c : ((TemplateNode.Sequence) node).items()) {
            n = mul(n, count(c));
        }
        return n;
    }

    /** Every utterance of {@code template}, lazily, in template order. */
    public Iterator<Utterance> expand(Template template) {
        Iterator<List<Piece>> it = pieces(template.root());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Utterance next() {
                return toUtterance(it.next());
            }
        };
    }

    /**
     * At most {@code max} distinct utterances of {@code template}: all of them when the template has no
     * more than {@code max}, else random walks (alternatives and optional parts chosen uniformly) from
     * {@code random}, deduplicated. Cost proportional to {@code max} times the template's size.
     */
    public List<Utterance> sample(Template template, int max, Random random) {
        Set<String> seen = new LinkedHashSet<>();
        List<Utterance> out = new ArrayList<>();
        if (count(template.root()) <= max) {
            for (Iterator<Utterance> it = expand(template); it.hasNext(); ) {
                Utterance u = it.next();
                if (seen.add(key(u))) {
                    out.add(u);
                }
            }
            return out;
        }
        for (int tries = 0; out.size() < max && tries < max * 4; tries++) {
            List<Piece> pieces = new ArrayList<>();
            walk(template.root(), random, pieces);
            Utterance u = toUtterance(pieces);
            if (seen.add(key(u))) {
                out.add(u);
            }
        }
        return out;
    }

    /** The surface phrases a slot of {@code entity} can take: values and synonyms, or the built-in grammar. */
    public Iterator<String> slotPhrases(String entity) {
        CustomEntity custom = dataset.customEntities().get(entity);
        if (custom != null) {
            List<String> phrases = new ArrayList<>();
            for (EntityValue v : custom.values()) {
                phrases.add(v.value());
                phrases.addAll(v.synonyms());
            }
            return phrases.iterator();
        }
        BuiltinEntity b = builtin(entity);
        Iterator<List<Piece>> it = pieces(b.grammar());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public String next() {
                return join(it.next());
            }
        };
    }

    private BuiltinEntity builtin(String entity) {
        BuiltinEntity b = BuiltinEntity.fromName(entity);
        if (b == null) {
            throw new IllegalArgumentException("entity \"" + entity + "\" is not defined in the dataset");
        }
        return b;
    }

    private long slotCount(TemplateNode.SlotRef s) {
        CustomEntity custom = dataset.customEntities().get(s.entity());
        if (custom != null) {
            long n = 0;
            for (EntityValue v : custom.values()) {
                n += 1 + v.synonyms().size();
            }
            return n;
        }
        return count(builtin(s.entity()).grammar());
    }

    /** A word, or a whole slot value. */
    private record Piece(String text, TemplateNode.SlotRef slot) {
    }

    private Iterator<List<Piece>> pieces(TemplateNode node) {
        if (node instanceof TemplateNode.Word w) {
            return List.of(List.of(new Piece(w.text(), null))).iterator();
        }
        if (node instanceof TemplateNode.SlotRef s) {
            Iterator<String> phrases = slotPhrases(s.entity());
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return phrases.hasNext();
                }

                @Override
                public List<Piece> next() {
                    return List.of(new Piece(phrases.next(), s));
                }
            };
        }
        if (node instanceof TemplateNode.Optional o) {
            return concat(List.of(new TemplateNode.Sequence(List.of()), o.child()));
        }
        if (node instanceof TemplateNode.Alternatives a) {
            return concat(a.choices());
        }
        return product(((TemplateNode.Sequence) node).items());
    }

    private Iterator<List<Piece>> concat(List<TemplateNode> choices) {
        return new Iterator<>() {
            int index;
            Iterator<List<Piece>> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && index < choices.size()) {
                    current = pieces(choices.get(index++));
                }
                return current.hasNext();
            }

            @Override
            public List<Piece> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** Odometer over the items' expansions: the last item varies fastest; restarted iterators are re-created. */
    private Iterator<List<Piece>> product(List<TemplateNode> items) {
        int n = items.size();
        if (n == 0) {
            return List.of(List.<Piece>of()).iterator();
        }
        return new Iterator<>() {
            final List<Iterator<List<Piece>>> iters = new ArrayList<>();
            final List<List<Piece>> current = new ArrayList<>();
            boolean started;
            boolean done;
            List<Piece> pending;

            @Override
            public boolean hasNext() {
                if (pending == null && !done) {
                    pending = advance();
                }
                return pending != null;
            }

            @Override
            public List<Piece> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<Piece> r = pending;
                pending = null;
                return r;
            }

            private List<Piece> advance() {
                if (!started) {
                    started = true;
                    for (TemplateNode item : items) {
                        Iterator<List<Piece>> it = pieces(item);
                        if (!it.hasNext()) {
                            done = true;
                            return null;
                        }
                        iters.add(it);
                        current.add(it.next());
                    }
                    return flatten();
                }
                int i = n - 1;
                while (i >= 0 && !iters.get(i).hasNext()) {
                    i--;
                }
                if (i < 0) {
                    done = true;
                    return null;
                }
                current.set(i, iters.get(i).next());
                for (int j = i + 1; j < n; j++) {
                    Iterator<List<Piece>> it = pieces(items.get(j));
                    iters.set(j, it);
                    current.set(j, it.next());
                }
                return flatten();
            }

            private List<Piece> flatten() {
                List<Piece> out = new ArrayList<>();
                for (List<Piece> p : current) {
                    out.addAll(p);
                }
                return out;
            }
        };
    }

    private void walk(TemplateNode node, Random random, List<Piece> out) {
        if (node instanceof TemplateNode.Word w) {
            out.add(new Piece(w.text(), null));
        } else if (node instanceof TemplateNode.SlotRef s) {
            out.add(new Piece(randomPhrase(s.entity(), random), s));
        } else if (node instanceof TemplateNode.Optional o) {
            if (random.nextBoolean()) {
                walk(o.child(), random, out);
            }
        } else if (node instanceof TemplateNode.Alternatives a) {
            walk(a.choices().get(random.nextInt(a.choices().size())), random, out);
        } else {
            for (TemplateNode item : ((TemplateNode.Sequence) node).items()) {
                walk(item, random, out);
            }
        }
    }

    private String randomPhrase(String entity, Random random) {
        CustomEntity custom = dataset.customEntities().get(entity);
        if (custom != null) {
            EntityValue v = custom.values().get(random.nextInt(custom.values().size()));
            int k = random.nextInt(1 + v.synonyms().size());
            return k == 0 ? v.value() : v.synonyms().get(k - 1);
        }
        List<Piece> pieces = new ArrayList<>();
        walk(builtin(entity).grammar(), random, pieces);
        return join(pieces);
    }

    private static String join(List<Piece> pieces) {
        StringBuilder sb = new StringBuilder();
        for (Piece p : pieces) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(p.text());
        }
        return sb.toString();
    }

    private static Utterance toUtterance(List<Piece> pieces) {
        List<Chunk> chunks = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces.size(); i++) {
            Piece p = pieces.get(i);
            String sep = i + 1 < pieces.size() ? " " : "";
            if (p.slot() == null) {
                text.append(p.text()).append(sep);
                continue;
            }
            if (text.length() > 0) {
                chunks.add(Chunk.text(text.toString()));
                text.setLength(0);
            }
            chunks.add(Chunk.slot(p.text(), p.slot().entity(), p.slot().slotName()));
            text.append(sep);
        }
        if (text.length() > 0) {
            chunks.add(Chunk.text(text.toString()));
        }
        return new Utterance(chunks);
    }

    private static String key(Utterance u) {
        StringBuilder sb = new StringBuilder();
        for (Chunk c : u.chunks()) {
            sb.append(c.text()).append('\u0001').append(c.slotName()).append('\u0001');
        }
        return sb.toString();
    }

    private static long add(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private static long mul(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
