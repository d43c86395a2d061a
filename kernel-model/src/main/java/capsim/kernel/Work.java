package capsim.kernel;

/** Unfinished kernel work the scheduler continues with {@link Kernel#resume()}: a transfer or a destruction. */
sealed interface Work permits Transfer, Destruction {
    Work copy();
}
