package capsim.scenario;

/** A parsed scenario file: a Viengoos-model {@link Scenario} or a personality {@link Script}. */
public sealed interface ScenarioFile permits Scenario, Script {
    String file();

    String title();

    /** The variant or personality the file runs on. */
    String variantName();
}
