package io.consentmesh.testkit;

import java.util.concurrent.ThreadLocalRandom;

/** Valid, distinct US numbers for tests, so tests sharing one database never see each other's people. */
public final class TestNumbers {

    private TestNumbers() {}

    /** A random valid E.164 number in New York's 212 area code (exchange 200-999, so always dialable). */
    public static String randomUs() {
        return "+1212" + ThreadLocalRandom.current().nextInt(2_000_000, 10_000_000);
    }
}
