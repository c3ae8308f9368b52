package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/contrat-local-sante/cls/internal/pipeline"
	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// allWorkers is how many territories build at once. Each build already
// uses every core, so more would only add to the peak memory, which stays
// at most twice a single build whatever the number of territories.
const allWorkers = 2

// outputLimit bounds what is kept of a child's output, so that the parent's
// memory does not depend on what a territory prints.
const outputLimit = 1 << 20

// buildAll builds every territory folder under dir, each in a process of
// its own (this very program, « cls build --config T/cls.yaml »), so that a
// panic, a crash, a hang or a memory blow-up is that territory's failure
// and the others go on. Each territory's line is printed as soon as it and
// those before it are known, in folder order; then the summary. On a
// terminal, a progress line under them names the territory being built.
// It reports whether any territory failed.
func buildAll(dir string, opt pipeline.Options, timeout time.Duration, stdout io.Writer) (failed bool, err error) {
	ts, err := pipeline.Territories(dir)
	if err != nil {
		return false, err
	}
	exe, err := os.Executable()
	if err != nil {
		return false, fmt.Errorf("impossible de retrouver le programme cls pour construire chaque territoire (%s)", safefile.Cause(err))
	}
	done := make([]chan outcome, len(ts))
	for i := range done {
		done[i] = make(chan outcome, 1)
	}
	p := newProgress(stdout, stdoutIsTerminal(stdout))
	go func() {
		sem := make(chan struct{}, allWorkers)
		for i, t := range ts {
			if t.Skip != "" {
				done[i] <- outcome{kind: "IGNORÉ", header: " : " + t.Skip}
				continue
			}
			sem <- struct{}{}
			p.set(fmt.Sprintf("[%d/%d] %s…", i+1, len(ts), filepath.Base(t.Dir)))
			go func() {
				defer func() { <-sem }()
				done[i] <- runTerritory(exe, childArgs(t.Dir, opt), timeout)
			}()
		}
	}()
	var ok, ko, skipped int
	for i, t := range ts {
		o := <-done[i]
		switch o.kind {
		case "OK":
			ok++
		case "ÉCHEC":
			ko++
		default:
			skipped++
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%-5s %s%s\n", o.kind, textnorm.Escape(t.Dir), textnorm.Escape(o.header))
		for _, l := range o.lines {
			fmt.Fprintln(&b, "  ", textnorm.Escape(l))
		}
		p.print(b.String())
	}
	p.done()
	fmt.Fprintf(stdout, "%d territoire(s) : %d réussi(s), %d en échec", ok+ko, ok, ko)
	if skipped > 0 {
		fmt.Fprintf(stdout, " ; %d dossier(s) ignoré(s)", skipped)
	}
	fmt.Fprintln(stdout, ".")
	return ko > 0, nil
}

// childArgs is the command line that builds one territory: its own
// cls.yaml, sources, templates and output, with the run's fonts folder and
// overrides.
func childArgs(dir string, opt pipeline.Options) []string {
	// « --option=valeur »: a value starting with « - » stays a value
	args := []string{"build", "--une-ligne", "--config=" + filepath.Join(dir, "cls.yaml")}
	if opt.Fonts != "" {
		args = append(args, "--fonts="+opt.Fonts)
	}
	keys := make([]string, 0, len(opt.Overrides))
	for k := range opt.Overrides {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		args = append(args, "--set="+k+"="+opt.Overrides[k])
	}
	return args
}

// outcome is what is printed of one territory: « OK », « ÉCHEC » or
// « IGNORÉ », the rest of its line, and the lines under it.
type outcome struct {
	kind   string
	header string
	lines  []string
}

// runTerritory runs one child build and turns the way it ended into an
// outcome in French: its own messages when it ended by itself, the reason
// when it was stopped (time-out, crash, signal).
func runTerritory(exe string, args []string, timeout time.Duration) (o outcome) {
	defer func() {
		if r := recover(); r != nil {
			o = outcome{kind: "ÉCHEC", header: fmt.Sprintf(" : erreur interne (%s) ; merci de signaler ce problème", safefile.Recovered(r))}
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, args...)
	// a grandchild holding the output open must not hold the run either
	cmd.WaitDelay = 5 * time.Second
	var out, errOut cappedBuffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	stdoutLines, stderrLines := out.lines(), errOut.lines()
	if ctx.Err() == context.DeadlineExceeded {
		return outcome{kind: "ÉCHEC", header: fmt.Sprintf(" : délai de %s dépassé, construction interrompue", seconds(timeout)), lines: stderrLines}
	}
	if err == nil {
		o := outcome{kind: "OK", lines: stderrLines}
		if len(stdoutLines) > 0 {
			o.header = " → " + stdoutLines[0]
			o.lines = append(slices.Clone(stdoutLines[1:]), stderrLines...)
		}
		return o
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		return outcome{kind: "ÉCHEC", header: fmt.Sprintf(" : construction impossible à lancer (%s)", safefile.Cause(err))}
	}
	lines := append(stdoutLines, stderrLines...)
	if ws, ok := exit.Sys().(interface {
		Signaled() bool
		Signal() syscall.Signal
	}); ok && ws.Signaled() {
		return outcome{kind: "ÉCHEC", header: " : arrêt inattendu (" + signalName(ws.Signal()) + ")", lines: lines}
	}
	switch code := exit.ExitCode(); code {
	case 1:
		return outcome{kind: "ÉCHEC", header: " :", lines: lines}
	case 2:
		// the Go runtime's own report of a panic it could not recover:
		// its message, not its stack
		for i, l := range lines {
			for _, p := range []string{"panic: ", "fatal error: "} {
				if msg, ok := strings.CutPrefix(l, p); ok {
					return outcome{kind: "ÉCHEC", header: " : arrêt inattendu (erreur interne ; " + crashDetail(msg) + ")",
						lines: append(lines[:i:i], "Merci de signaler ce problème avec les fichiers de ce territoire.")}
				}
			}
		}
		return outcome{kind: "ÉCHEC", header: " : arrêt inattendu (erreur interne)", lines: lines}
	default:
		return outcome{kind: "ÉCHEC", header: fmt.Sprintf(" : arrêt inattendu (code de sortie %d)", code), lines: lines}
	}
}

// crashDetail words the Go runtime's last words about a crash: its
// English only as a technical detail, memory exhaustion said as such.
func crashDetail(msg string) string {
	if strings.Contains(msg, "out of memory") {
		return "mémoire épuisée ; détail technique : " + textnorm.Escape(msg)
	}
	return "détail technique : " + textnorm.Escape(msg)
}

// signalName says in French why the system stopped a build.
func signalName(s syscall.Signal) string {
	switch s {
	case syscall.SIGKILL:
		return "tué par le système, sans doute faute de mémoire"
	case syscall.SIGSEGV:
		return "accès mémoire invalide"
	case syscall.SIGTERM, syscall.SIGINT:
		return "interrompu"
	}
	return fmt.Sprintf("signal %d", int(s))
}

// seconds writes a duration as « 120 s ».
func seconds(d time.Duration) string {
	return fmt.Sprintf("%g s", d.Seconds())
}

// cappedBuffer keeps the first outputLimit bytes written to it and drops
// the rest, still accepting them so that the child never blocks.
type cappedBuffer struct {
	buf       bytes.Buffer
	truncated bool
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if room := outputLimit - b.buf.Len(); room < len(p) {
		b.truncated = true
		b.buf.Write(p[:max(room, 0)])
		return len(p), nil
	}
	return b.buf.Write(p)
}

// lines is the output as lines, without the empty last one, with a note
// when some was dropped.
func (b *cappedBuffer) lines() []string {
	s := strings.TrimRight(b.buf.String(), "\n")
	var out []string
	if s != "" {
		out = strings.Split(s, "\n")
	}
	if b.truncated {
		out = append(out, fmt.Sprintf("… sortie tronquée après %d octets", outputLimit))
	}
	return out
}

// allFlags refuses the options that --all would otherwise silently
// ignore, and --delai without --all.
func allFlags(cmd *cobra.Command, all string, delai int) error {
	if all == "" {
		if cmd.Flags().Changed("delai") {
			return errors.New("--delai ne sert qu'avec --all DOSSIER")
		}
		return nil
	}
	for _, f := range []string{"out", "config", "sources", "templates"} {
		if cmd.Flags().Changed(f) {
			return fmt.Errorf("--%s ne peut pas servir avec --all : chaque territoire prend son cls.yaml, ses sources, ses modèles et sa sortie dans son propre dossier", f)
		}
	}
	if delai < 1 {
		return fmt.Errorf("--delai %d : attendu un nombre de secondes, au moins 1", delai)
	}
	return nil
}
