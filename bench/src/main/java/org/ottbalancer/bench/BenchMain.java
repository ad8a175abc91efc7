package org.ottbalancer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ottbalancer.bench.report.Charts;
import org.ottbalancer.bench.report.JfrHotMethods;
import org.ottbalancer.bench.report.JmhRunner;
import org.ottbalancer.bench.report.MachineInfo;
import org.ottbalancer.bench.report.MarkdownReport;
import org.ottbalancer.bench.report.Summary;
import org.ottbalancer.bench.scenario.DrainScenario;
import org.ottbalancer.bench.scenario.FanoutScenario;
import org.ottbalancer.bench.scenario.HttpScenario;
import org.ottbalancer.bench.scenario.IdleScenario;
import org.ottbalancer.bench.scenario.JoinStormScenario;
import org.ottbalancer.bench.scenario.Json;
import org.ottbalancer.bench.scenario.RelayScenario;
import org.ottbalancer.bench.scenario.Scenario;
import org.ottbalancer.bench.scenario.ScenarioContext;
import org.ottbalancer.bench.target.TargetKind;
import org.ottbalancer.bench.target.Tools;

/**
 * Entry point of {@code bench/run}: runs every scenario against every target, the JMH
 * microbenchmarks, writes the results as JSON, the Markdown report and its charts, and prints the
 * figures. It never judges them: the exit status is non-zero only when the harness itself could
 * not run (bad arguments, nothing built).
 */
public final class BenchMain {
    private static final String USAGE = """
            usage: bench/run quick|full [options]
                   bench/run render RESULTS.json [--report-dir DIR]   (the report again from saved results)
              --scenarios a,b,...   relay, fanout, join, idle, http, drain (default: all)
              --targets a,b,...     direct, nginx, balancer (default: all)
              --jfr / --no-jfr      profile the balancer with Flight Recorder (default: on for full)
              --no-jmh              skip the JMH microbenchmarks
              --warmup S --measure S  warm-up and measurement seconds instead of the profile's
              --balancer-jvm-arg ARG  an extra JVM option for the balancer (repeatable), e.g.
                                    -Dio.netty.eventLoopThreads=2
              --report-dir DIR      where benchmarks.md and benchmarks/*.png go
                                    (default: docs/ for full, bench/target/report/ for quick)
              --repo DIR            repository root (default: the working directory)
            """;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        if (args[0].equals("render")) {
            render(args);
            return;
        }
        Profile profile;
        try {
            profile = Profile.named(args[0]);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        Set<String> scenarios = new LinkedHashSet<>(List.of("relay", "fanout", "join", "idle", "http", "drain"));
        Set<TargetKind> targets = new LinkedHashSet<>(List.of(TargetKind.values()));
        boolean jfr = profile.name().equals("full");
        boolean jmh = true;
        Path repo = Path.of("").toAbsolutePath();
        Path reportDir = null;
        List<String> balancerJvmArgs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--scenarios" -> scenarios = new LinkedHashSet<>(List.of(value(args, ++i).split(",")));
                case "--targets" -> {
                    targets = new LinkedHashSet<>();
                    for (String t : value(args, ++i).split(",")) {
                        targets.add(TargetKind.fromLabel(t));
                    }
                }
                case "--jfr" -> jfr = true;
                case "--no-jfr" -> jfr = false;
                case "--no-jmh" -> jmh = false;
                case "--balancer-jvm-arg" -> balancerJvmArgs.add(value(args, ++i));
                case "--warmup" -> profile = profile.withTimes(Integer.parseInt(value(args, ++i)), profile.measureSeconds());
                case "--measure" -> profile = profile.withTimes(profile.warmupSeconds(), Integer.parseInt(value(args, ++i)));
                case "--report-dir" -> reportDir = Path.of(value(args, ++i)).toAbsolutePath();
                case "--repo" -> repo = Path.of(value(args, ++i)).toAbsolutePath();
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.err.print(USAGE);
                    System.exit(2);
                }
            }
        }
        if (reportDir == null) {
            reportDir = profile.name().equals("full") ? repo.resolve("docs") : repo.resolve("bench/target/report");
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path runDir = repo.resolve("bench/target/runs").resolve(profile.name() + "-" + stamp);
        Files.createDirectories(runDir);
        Tools tools = Tools.detect(repo, maxOpenFiles());
        // Measured runs never carry the profiler; the profiled runs are extra runs of the balancer alone.
        ScenarioContext ctx = new ScenarioContext(profile, tools, runDir, false, balancerJvmArgs);

        ObjectNode results = Json.object();
        results.put("profile", profile.name());
        results.put("started", Instant.now().toString());
        results.set("machine", MachineInfo.collect(tools));
        ObjectNode scenarioResults = results.putObject("scenarios");
        System.out.println("bench: profile " + profile.name() + ", logs in " + runDir);

        for (Scenario s : scenarioList(ctx, scenarios)) {
            ObjectNode entry = scenarioResults.putObject(s.id());
            entry.set("settings", s.settings());
            ObjectNode byTarget = entry.putObject("results");
            for (TargetKind kind : s.targets()) {
                if (!targets.contains(kind)) {
                    continue;
                }
                System.out.println("bench: " + s.id() + " / " + kind.label() + " ...");
                long t0 = System.nanoTime();
                ObjectNode r;
                try {
                    r = s.run(kind);
                } catch (Exception e) {
                    r = Json.object();
                    r.put("error", String.valueOf(e.getMessage() == null ? e.toString() : e.getMessage()));
                    System.out.println("bench: " + s.id() + " / " + kind.label() + " failed: " + r.path("error").asText());
                }
                r.put("wall_seconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
                byTarget.set(kind.label(), r);
                System.out.println("bench: " + Summary.line(s.id(), kind.label(), r));
            }
            writeJson(runDir.resolve("results.json"), results);
        }
        if (jfr && targets.contains(TargetKind.BALANCER)) {
            ScenarioContext profiled = new ScenarioContext(profile, tools, runDir.resolve("profiled"), true,
                    balancerJvmArgs);
            for (Scenario s : scenarioList(profiled, scenarios)) {
                if (!s.id().equals("relay") && !s.id().equals("fanout") && !s.id().equals("http")) {
                    continue;
                }
                System.out.println("bench: " + s.id() + " / balancer with Flight Recorder ...");
                ObjectNode entry = (ObjectNode) scenarioResults.path(s.id());
                try {
                    ObjectNode r = s.run(TargetKind.BALANCER);
                    entry.set("balancer_profiled_run", r);
                    profileOf(profiled, s.id(), r, entry);
                } catch (Exception e) {
                    entry.putObject("balancer_profile").put("error", e.toString());
                }
            }
            writeJson(runDir.resolve("results.json"), results);
        }
        if (jmh) {
            System.out.println("bench: JMH microbenchmarks ...");
            try {
                ArrayNode micro = JmhRunner.run(tools, runDir.resolve("jmh"), profile.jmhIterations());
                results.set("jmh", micro);
            } catch (IOException e) {
                results.putObject("jmh_error").put("error", e.getMessage());
                System.out.println("bench: JMH failed: " + e.getMessage());
            }
        }
        results.put("finished", Instant.now().toString());
        writeJson(runDir.resolve("results.json"), results);

        writeReport(results, reportDir, repo);
        System.out.println();
        System.out.print(Summary.table(results));
        System.out.println("bench: raw results and logs in " + runDir);
    }

    /**
     * Writes {@code benchmarks.md}, the charts and a copy of the results under {@code reportDir}; the
     * hand-written {@code bench/analysis-<profile>.md}, if present, becomes the report's last section.
     */
    static void writeReport(JsonNode results, Path reportDir, Path repo) throws IOException {
        String profile = results.path("profile").asText();
        Path chartsDir = reportDir.resolve("benchmarks");
        Files.createDirectories(chartsDir);
        List<String> charts = Charts.write(results, chartsDir);
        Json.MAPPER.writeValue(chartsDir.resolve("results-" + profile + ".json").toFile(), results);
        Path notes = repo.resolve("bench/analysis-" + profile + ".md");
        String analysis = Files.exists(notes) ? Files.readString(notes) : null;
        Path md = reportDir.resolve("benchmarks.md");
        Files.writeString(md, MarkdownReport.render(results, charts, analysis));
        System.out.println("bench: report " + md + ", charts in " + chartsDir);
    }

    /** {@code render <results.json>}: the report again from saved results, without measuring anything. */
    private static void render(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.print(USAGE);
            System.exit(2);
        }
        Path repo = Path.of("").toAbsolutePath();
        Path reportDir = null;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--report-dir" -> reportDir = Path.of(value(args, ++i)).toAbsolutePath();
                case "--repo" -> repo = Path.of(value(args, ++i)).toAbsolutePath();
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        JsonNode results = Json.MAPPER.readTree(Path.of(args[1]).toFile());
        if (reportDir == null) {
            reportDir = results.path("profile").asText().equals("full") ? repo.resolve("docs") : repo.resolve("bench/target/report");
        }
        writeReport(results, reportDir, repo);
    }

    private static void profileOf(ScenarioContext ctx, String scenario, ObjectNode result, ObjectNode entry) {
        Path file = ctx.jfrFile(scenario);
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonNode window = result.has("window_from") ? result : lastStep(result);
            Instant from = window == null ? null : Instant.parse(window.path("window_from").asText());
            Instant to = window == null ? null : Instant.parse(window.path("window_to").asText());
            entry.set("balancer_profile", JfrHotMethods.analyse(file, from, to));
        } catch (IOException | RuntimeException e) {
            entry.putObject("balancer_profile").put("error", e.toString());
        }
    }

    private static JsonNode lastStep(ObjectNode result) {
        JsonNode steps = result.path("steps");
        return steps.isArray() && steps.size() > 0 ? steps.get(steps.size() - 1) : null;
    }

    private static List<Scenario> scenarioList(ScenarioContext ctx, Set<String> ids) {
        List<Scenario> all = List.of(new RelayScenario(ctx), new FanoutScenario(ctx), new JoinStormScenario(ctx),
                new IdleScenario(ctx), new HttpScenario(ctx), new DrainScenario(ctx));
        List<Scenario> chosen = new ArrayList<>();
        for (String id : ids) {
            Scenario match = all.stream().filter(s -> s.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown scenario \"" + id + "\""));
            chosen.add(match);
        }
        return chosen;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** The soft RLIMIT_NOFILE this process runs with (bench/run raises it to the hard limit). */
    static int maxOpenFiles() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? 1 << 20 : Integer.parseInt(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 1024;
        }
        return 1024;
    }

    private static void writeJson(Path file, ObjectNode node) throws IOException {
        Files.createDirectories(file.getParent());
        Json.MAPPER.writeValue(file.toFile(), node);
    }
}
