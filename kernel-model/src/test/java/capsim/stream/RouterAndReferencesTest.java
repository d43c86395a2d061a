package capsim.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterAndReferencesTest {
    @Test
    void messagesGoToTheEndPointOfTheirLink() throws ProtocolException {
        Router r = new Router();
        List<String> got = new ArrayList<>();
        r.attach(1, m -> got.add("one:" + m.msgId()));
        r.attach(2, m -> got.add("two:" + m.msgId()));
        r.route(new Message(2, 7, 0, false, List.of()));
        r.route(new Message(1, 8, 0, false, List.of()));
        assertThat(got).containsExactly("two:7", "one:8");
        assertThatThrownBy(() -> r.route(new Message(3, 9, 0, false, List.of()))).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).reason()).isEqualTo(ProtocolException.Reason.UNKNOWN_LINK);
        assertThatThrownBy(() -> r.attach(1, m -> { })).isInstanceOf(IllegalStateException.class);
        r.detach(1);
        assertThat(r.links()).isEqualTo(1);
    }

    @Test
    void anObjectIsReleasedWhenItsLastReferenceGoes() throws ProtocolException {
        References exporter = new References(4);
        References importer = new References(4);
        // the same object sent twice, in two messages, through the codec
        for (int i = 0; i < 2; i++) {
            Message m = new Message(4, i, 1, false, List.of(exporter.export(1, 77)));
            Message back = Codec.decode(Codec.encode(m));
            importer.imported((Item.Reference) back.items().get(0));
        }
        assertThat(exporter.exportedCount(77)).isEqualTo(2);
        assertThat(importer.importedCount(77)).isEqualTo(2);
        int release = importer.dropImport(77);
        assertThat(release).isEqualTo(2);
        assertThat(exporter.released(77, 1)).isFalse();
        assertThat(exporter.released(77, 1)).isTrue();
        assertThat(exporter.outstanding() + importer.outstanding()).isZero();
        assertThatThrownBy(() -> exporter.released(77, 1)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> importer.imported(new Item.Reference(1, 5, 1))).isInstanceOf(ProtocolException.class);
    }

    @Test
    void linkLossDropsEveryReference() throws ProtocolException {
        References exporter = new References(4);
        References importer = new References(4);
        importer.imported(exporter.export(1, 1));
        importer.imported(exporter.export(1, 2));
        exporter.linkLost();
        importer.linkLost();
        assertThat(exporter.outstanding()).isZero();
        assertThat(importer.outstanding()).isZero();
    }
}
