package capsim.visual;

/**
 * How {@link RunRenderer} draws: the personality, where progress goes, whether diagrams carry the legend.
 *
 * @param personality node styling
 * @param progress    progress reporting
 * @param legend      draw the legend in each diagram
 */
public record RenderOptions(Personality personality, Progress progress, boolean legend) {
    public RenderOptions {
        personality = personality == null ? Personality.viengoos() : personality;
        progress = progress == null ? Progress.none() : progress;
    }

    /** The Viengoos personality, progress on standard error, legends on. */
    public static RenderOptions defaults() {
        return new RenderOptions(Personality.viengoos(), Progress.stderr(), true);
    }

    public RenderOptions withPersonality(Personality p) {
        return new RenderOptions(p, progress, legend);
    }

    public RenderOptions withProgress(Progress p) {
        return new RenderOptions(personality, p, legend);
    }

    public RenderOptions withLegend(boolean on) {
        return new RenderOptions(personality, progress, on);
    }
}
