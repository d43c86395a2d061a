package capsim.visual;

/**
 * How {@link RunRenderer} draws: the drawing style, where progress goes, whether diagrams carry the legend.
 *
 * @param style    how each object looks (shape, colour, text)
 * @param progress progress reporting
 * @param legend   draw the legend in each diagram
 */
public record RenderOptions(DrawingStyle style, RenderProgress progress, boolean legend) {
    public RenderOptions {
        style = style == null ? DrawingStyle.viengoos() : style;
        progress = progress == null ? RenderProgress.none() : progress;
    }

    /** The Viengoos drawing style, progress on standard error, legends on. */
    public static RenderOptions defaults() {
        return new RenderOptions(DrawingStyle.viengoos(), RenderProgress.stderr(), true);
    }

    public RenderOptions withStyle(DrawingStyle s) {
        return new RenderOptions(s, progress, legend);
    }

    public RenderOptions withProgress(RenderProgress p) {
        return new RenderOptions(style, p, legend);
    }

    public RenderOptions withLegend(boolean on) {
        return new RenderOptions(style, progress, on);
    }
}
