package org.ottbalancer.agent;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.ottbalancer.agent.config.AgentCommandLine;
import org.ottbalancer.agent.config.AgentConfig;
import org.ottbalancer.agent.config.ConfigException;
import org.ottbalancer.protocol.agent.DrainCommand;

/**
 * Entry point of {@code ott-monolith-agent.jar}: runs the agent until SIGTERM (which drains first),
 * or with {@code drain} as first argument asks a running agent to drain.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] argv) {
        List<String> args = Arrays.asList(argv);
        if (!args.isEmpty() && args.get(0).equals("drain")) {
            System.exit(DrainCommand.run(args.subList(1, args.size()), System.getenv(), System.out, System.err));
        }
        if (AgentCommandLine.wantsHelp(args)) {
            System.out.print(AgentCommandLine.usage());
            return;
        }
        AgentConfig config;
        try {
            config = AgentCommandLine.parse(args, System.getenv());
        } catch (ConfigException e) {
            System.err.println("ott-monolith-agent: " + e.getMessage());
            System.exit(2);
            return;
        }
        MonolithAgent agent;
        try {
            agent = MonolithAgent.start(config);
        } catch (AgentStartException e) {
            System.err.println("ott-monolith-agent: " + e.getMessage());
            System.exit(1);
            return;
        }
        // Netty's threads are daemons: the main thread keeps the process alive until SIGTERM, whose
        // hook drains (within the drain deadline) and then stops the agent.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "agent-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
