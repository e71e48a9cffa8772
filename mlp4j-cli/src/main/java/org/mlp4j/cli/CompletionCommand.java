package org.mlp4j.cli;

import java.util.concurrent.Callable;
import org.mlp4j.InvalidInputException;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlp4j completion bash|zsh}: a completion script for every command and flag, the recipe flags that
 * {@code train} gains at run time included (the script is made from the command line as it runs).
 */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Print a shell completion script for mlp4j's commands and flags.",
            "bash: source <(./mlp4j completion bash)   (or save it under /etc/bash_completion.d/)",
            "zsh:  source <(./mlp4j completion zsh)    (in ~/.zshrc, after compinit)"
        })
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new InvalidInputException("SHELL: expected bash or zsh, found '" + shell + "'");
        }
        // one script for both: under zsh it loads zsh's bash-completion emulation (bashcompinit) itself
        spec.commandLine().getOut().print(AutoComplete.bash("mlp4j", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
