package io.wechatadvisor.decisions.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

class StoredSnapshotTest {

    /** Answers the given values in turn; an exception in the list is thrown instead. */
    private static StoredSnapshot.Reader<String> reads(Object... values) {
        Deque<Object> left = new ArrayDeque<>(List.of(values));
        return () -> {
            Object next = left.removeFirst();
            if (next instanceof SQLException e) {
                throw e;
            }
            return (String) next;
        };
    }

    @Test
    void readsAtOnceAndAgainOnEveryReload() throws SQLException {
        StoredSnapshot<String> snapshot = new StoredSnapshot<>(reads("first", "second"), "failed");
        assertThat(snapshot.get()).isEqualTo("first");
        snapshot.reload();
        assertThat(snapshot.get()).isEqualTo("second");
    }

    @Test
    void aFailedRefreshKeepsTheLastSnapshotAndALaterOneRecovers() throws SQLException {
        StoredSnapshot<String> snapshot = new StoredSnapshot<>(reads("first", new SQLException("down"), "third"),
                "failed");
        snapshot.refresh();
        assertThat(snapshot.get()).isEqualTo("first");
        snapshot.refresh();
        assertThat(snapshot.get()).isEqualTo("third");
    }

    @Test
    void aFailedReloadIsTheCallersToHandle() throws SQLException {
        StoredSnapshot<String> snapshot = new StoredSnapshot<>(reads("first", new SQLException("down")), "failed");
        assertThatThrownBy(snapshot::reload).isInstanceOf(SQLException.class).hasMessage("down");
        assertThat(snapshot.get()).isEqualTo("first");
    }

    @Test
    void aFailedFirstReadFailsTheStart() {
        assertThatThrownBy(() -> new StoredSnapshot<>(reads(new SQLException("down")), "failed"))
                .isInstanceOf(SQLException.class);
    }
}
