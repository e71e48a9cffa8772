package org.mlp4j.spark;

import org.apache.spark.ml.util.Identifiable$;

/**
 * A uid handed to a constructor before its superclass's constructor runs. MLlib's param traits (the
 * features column, thresholds, …) make their params inside {@code Predictor}'s constructor and ask the
 * object's {@code uid()} for the owner; a Scala class has its uid by then, a Java subclass's field is
 * still null, and params owned by "null" are refused by every later {@code set}. So each constructor
 * first holds its uid here ({@code this(PendingUid.hold(uid))}), {@code uid()} answers with it while the
 * field is unset, and the constructor takes it into the field once the superclass is built.
 */
final class PendingUid {
    private static final ThreadLocal<String> HELD = new ThreadLocal<>();

    private PendingUid() {}

    /** A fresh uid for a new estimator or model. */
    static String fresh() {
        return Identifiable$.MODULE$.randomUID("mlp4j");
    }

    /** Holds {@code uid} for the constructor about to run on this thread; returns the token it passes on. */
    static PendingUid hold(String uid) {
        HELD.set(uid);
        return new PendingUid();
    }

    /** The held uid, now the constructor's own: released from this thread. */
    String take() {
        String uid = HELD.get();
        HELD.remove();
        return uid;
    }

    /** What {@code uid()} answers while the superclass's constructor runs. */
    static String during() {
        return HELD.get();
    }
}
