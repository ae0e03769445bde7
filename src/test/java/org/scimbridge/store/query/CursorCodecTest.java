package org.scimbridge.store.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.scimbridge.config.SearchProperties;
import org.scimbridge.scim.error.ScimException;

class CursorCodecTest {

    static final PageCursor AT = new PageCursor(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 6_000_000, ZoneOffset.UTC),
            "id-1", 10);

    @Test
    void aCursorDecodesToWhereItWasMadeInItsOwnScopeOnly() {
        CursorCodec codec = new CursorCodec(new SearchProperties(10, "secret", null));
        String cursor = codec.encode("dir-a", AT);
        assertThat(codec.decode("dir-a", cursor)).isEqualTo(AT);
        assertThat(codec.decode("dir-a", "")).isEqualTo(PageCursor.FIRST);
        assertThatThrownBy(() -> codec.decode("dir-b", cursor)).isInstanceOf(ScimException.class)
                .extracting("scimType").isEqualTo("invalidCursor");
        assertThatThrownBy(() -> new CursorCodec(new SearchProperties(10, "other", null)).decode("dir-a", cursor))
                .extracting("scimType").isEqualTo("invalidCursor");
    }

    @Test
    void anExpiredCursorIsInvalidCursor() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        SearchProperties properties = new SearchProperties(10, "secret", Duration.ofMinutes(5));
        String cursor = new CursorCodec(properties, Clock.fixed(now, ZoneOffset.UTC)).encode("d", AT);
        CursorCodec later = new CursorCodec(properties, Clock.fixed(now.plusSeconds(301), ZoneOffset.UTC));
        assertThatThrownBy(() -> later.decode("d", cursor)).extracting("scimType").isEqualTo("invalidCursor");
    }
}
