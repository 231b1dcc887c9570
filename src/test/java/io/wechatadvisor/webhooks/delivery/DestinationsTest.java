package io.wechatadvisor.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Which addresses webhooks may go to, and how retries are spread. */
class DestinationsTest {

    @Test
    void onlyPublicAddressesArePublic() throws UnknownHostException {
        for (String address : new String[] { "127.0.0.1", "127.8.9.10", "::1", "10.0.0.1", "172.16.0.1", "172.31.255.255",
                "192.168.1.1", "169.254.169.254", "fe80::1", "fc00::1", "fd12:3456::1", "0.0.0.0", "::", "224.0.0.1",
                "ff02::1", "100.64.0.1", "100.127.255.255", "0.1.2.3" }) {
            assertThat(Destinations.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
        for (String address : new String[] { "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.63.255.255", "100.128.0.1",
                "2001:4860:4860::8888", "203.0.113.7" }) {
            assertThat(Destinations.isPublic(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Property
    void aRetryWaitsAtLeastItsScheduleAndAtMostATenthMore(@ForAll @LongRange(min = 0, max = 36_000_000) long millis) {
        Duration wait = DeliveryWorker.jittered(Duration.ofMillis(millis));
        assertThat(wait.toMillis()).isBetween(millis, millis + millis / 10);
    }
}
