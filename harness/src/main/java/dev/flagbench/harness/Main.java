package dev.flagbench.harness;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.ConcurrencyModels;

/** Entry point of harness.jar (placeholder until the harness issue lands): lists the models. */
public final class Main {
    private Main() {
    }

    /** Lists the discovered models. */
    public static void main(String[] args) {
        for (ConcurrencyModel m : ConcurrencyModels.all()) {
            System.out.println(m.name() + "\t" + m.summary());
        }
    }
}
