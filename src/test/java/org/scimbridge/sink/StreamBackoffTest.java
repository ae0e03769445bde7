package org.scimbridge.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The stream's default retry waits: a target back after an outage is noticed within about 2 s, not 30. */
class StreamBackoffTest {

    private final StreamProperties defaults =
            new StreamProperties(null, null, null, null, null, null, null, null, null, null, null);

    @Test
    void slapdBackAfterAnOutageIsNoticedWithinTheTwoSecondCap() {
        assertThat(defaults.backoffMs(1)).isEqualTo(200);
        assertThat(defaults.backoffMs(2)).isEqualTo(400);
        for (int n = 1; n <= defaults.transientRetries(); n++) {
            assertThat(defaults.backoffMs(n)).isLessThanOrEqualTo(2_000);
        }
    }

    @Test
    void aRefusedChangeCostsTheStreamWellUnderOneSecondBeforeItParks() {
        long waited = 0;
        for (int n = 1; n < defaults.refusalsBeforePark(); n++) {
            waited += defaults.backoffMs(n);
        }
        assertThat(waited).isLessThan(1_000);
    }
}
