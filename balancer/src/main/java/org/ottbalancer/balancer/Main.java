package org.ottbalancer.balancer;

import java.util.concurrent.CountDownLatch;
import org.ottbalancer.balancer.config.BalancerConfig;
import org.ottbalancer.balancer.config.CommandLine;
import org.ottbalancer.balancer.config.ConfigException;
import org.ottbalancer.balancer.config.ConfigLoader;
import org.ottbalancer.balancer.config.LogLevel;
import org.ottbalancer.balancer.config.Validation;

/**
 * {@code java -jar ott-balancer.jar [-c balancer.toml] [-v] [-l info]}: the same command line and
 * configuration as upstream's balancer binary.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.err.println(CommandLine.usage());
            System.exit(2);
            return;
        }
        if (cli.help()) {
            System.out.println(CommandLine.usage());
            return;
        }
        if (cli.version()) {
            System.out.println(CommandLine.versionText());
            return;
        }
        if (cli.validate()) {
            System.exit(Validation.validate(cli.configPath(), System.getenv(), System.out));
            return;
        }
        // Must run before the first logger is created.
        LogLevel.apply(cli.logLevel());
        BalancerConfig config;
        try {
            config = ConfigLoader.load(cli.configPath());
        } catch (ConfigException e) {
            System.err.println("Configuration is invalid: " + e.getMessage());
            System.exit(1);
            return;
        }
        BalancerServer server = BalancerServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "balancer-shutdown"));
        stopped.await();
    }
}
