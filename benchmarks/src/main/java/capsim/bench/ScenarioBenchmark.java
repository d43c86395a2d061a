package capsim.bench;

import capsim.scenario.Parser;
import capsim.scenario.RunResult;
import capsim.scenario.Runner;
import capsim.scenario.Scenario;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing and running a generated scenario of {@code steps} steps (repeated RPC round trips), end to end,
 * as {@code capsim run} does it. Single-shot: one measurement is one whole file.
 *
 * <p>Plain timed run: {@code java -cp benchmarks/target/benchmarks.jar capsim.bench.ScenarioBenchmark 100000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScenarioBenchmark {
    @Param({"100000"})
    public int steps;

    String text;

    @Setup
    public void generate() {
        text = generate(steps);
    }

    /** A scenario of exactly {@code steps} steps: RPC round trips, 7 steps each, then collects. */
    public static String generate(int steps) {
        StringBuilder b = new StringBuilder(steps * 40);
        b.append("scenario \"generated: ").append(steps).append(" steps\"\nvariant messenger-2008\n\n");
        b.append("""
                activity client_act
                activity server_act
                cappage client_root in client_act
                cappage server_root in server_act
                thread client in client_act root client_root
                thread server in server_act root server_root
                buffer request in client_act thread client root client_root
                buffer reply in client_act thread client root client_root
                buffer inbox in server_act thread server root server_root flags activate-on-receive
                buffer answer in server_act thread server root server_root
                slot client_root[3] = request
                slot client_root[4] = reply
                slot client_root[5] = inbox r
                slot server_root[3] = inbox
                slot server_root[4] = answer
                server write inbox [20] ""
                """);
        String[] round = {
            "server receive inbox => UNBLOCKED",
            "client write request [4] \"ping\"",
            "client rpc request to inbox reply reply => DELIVERED",
            "server collect",
            "server write answer [] \"pong\"",
            "server send answer to 20 nonblocking => DELIVERED",
            "client collect",
        };
        int written = 1;
        int i = 0;
        while (written < steps) {
            b.append(round[i % round.length]).append('\n');
            if (i % round.length == round.length - 1 && (i / round.length) % 1000 == 0) {
                b.append("expect thread client idle\n");
            }
            i++;
            written++;
        }
        return b.toString();
    }

    @Benchmark
    public RunResult parseAndRun() throws Exception {
        Scenario s = Parser.parse("generated.scn", text);
        RunResult r = Runner.run(s, new Runner.Listener() { });
        if (!r.passed()) {
            throw new IllegalStateException("generated scenario failed: " + r.failures().get(0));
        }
        return r;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        ScenarioBenchmark b = new ScenarioBenchmark();
        b.steps = n;
        b.generate();
        for (int run = 1; run <= 3; run++) {
            long t0 = System.nanoTime();
            Scenario s = Parser.parse("generated.scn", b.text);
            long t1 = System.nanoTime();
            RunResult r = Runner.run(s, new Runner.Listener() { });
            long t2 = System.nanoTime();
            System.out.printf("run %d: %,d steps, %,d expectations: parse %.2f s, run %.2f s, total %.2f s (%s)%n", run,
                    r.steps(), r.expectations(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9,
                    r.passed() ? "passed" : "FAILED " + r.failures().get(0));
        }
    }
}
