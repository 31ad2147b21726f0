package io.eddy.api.windowing.triggers;

/** What a trigger decides for its window: evaluate it (fire), drop its contents (purge), both or neither. */
public enum TriggerResult {
    CONTINUE(false, false),
    FIRE(true, false),
    PURGE(false, true),
    FIRE_AND_PURGE(true, true);

    private final boolean fire;
    private final boolean purge;

    TriggerResult(boolean fire, boolean purge) {
        this.fire = fire;
        this.purge = purge;
    }

    public boolean isFire() {
        return fire;
    }

    public boolean isPurge() {
        return purge;
    }
}
