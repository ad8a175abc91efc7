package org.ottbalancer.monolith;

import java.util.List;
import org.ottbalancer.monolith.config.ConfigLoader;
import org.ottbalancer.monolith.config.MonolithConfig;
import org.ottbalancer.monolith.store.RoomStore;
import org.ottbalancer.monolith.store.RoomStores;
import org.ottbalancer.protocol.agent.DrainCommand;

/**
 * Command-line entry point: {@code java -jar ott-sample-monolith.jar [options]}, or with
 * {@code drain-agent [--wait] ...} as first arguments, ask the agent beside this monolith to drain
 * (the preStop hook of the monolith container, whose image has no shell or HTTP client).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("drain-agent")) {
            System.exit(DrainCommand.run(List.of(args).subList(1, args.length), System.getenv(),
                    System.out, System.err));
        }
        ConfigLoader.Parsed parsed;
        try {
            parsed = ConfigLoader.load(args, System.getenv());
        } catch (ConfigLoader.ConfigException | IllegalArgumentException e) {
            System.err.println("ott-sample-monolith: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (parsed.helpRequested()) {
            System.out.print(ConfigLoader.help());
            return;
        }
        MonolithConfig config = parsed.config();
        RoomStore store;
        SampleMonolith monolith;
        try {
            store = RoomStores.open(config.store());
        } catch (RuntimeException e) {
            System.err.println("ott-sample-monolith: cannot open room store " + config.store() + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        try {
            monolith = SampleMonolith.start(config, store);
        } catch (RuntimeException e) {
            System.err.println("ott-sample-monolith: " + e.getMessage());
            store.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            monolith.close();
            store.close();
        }, "monolith-shutdown"));
        monolith.terminated().join();
    }
}
