package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/pipeline"
)

// shownWarnings is how many warnings a command that writes a document
// prints before counting the others: a build should not drown its result;
// cls check lists them all.
const shownWarnings = 5

// written reports a command that writes a document: its first warnings,
// then, when it succeeded, the lines summary makes of its result.
func (a *app) written(res *pipeline.Result, err error, summary func(*pipeline.Result) string) error {
	if res != nil {
		printSomeWarnings(a.stderr, res.Problems, shownWarnings)
	}
	if err != nil {
		return err
	}
	fmt.Fprint(a.stdout, summary(res))
	return nil
}

// fail reports the error that ended the command and sets the exit code:
// every error of a problem list, sorted, and what it means (nothing was
// produced), or one message, cobra's and pflag's translated.
func (a *app) fail(err error) {
	a.code = 1
	var list diag.List
	if !errors.As(err, &list) {
		fmt.Fprintln(a.stderr, "erreur :", frenchMessage(err.Error()))
		return
	}
	n := 0
	for _, p := range list.Sorted() {
		if p.Severity == diag.Error {
			fmt.Fprintln(a.stderr, p)
			n++
		}
	}
	fmt.Fprintf(a.stderr, "%d erreur(s) : rien n'a été produit ; le PDF précédent est intact.\n", n)
}

// printSomeWarnings prints the first n warnings and counts the others.
func printSomeWarnings(w io.Writer, probs diag.List, n int) {
	var warns diag.List
	for _, p := range probs {
		if p.Severity == diag.Warning {
			warns = append(warns, p)
		}
	}
	for i, p := range warns {
		if i == n {
			fmt.Fprintf(w, "… et %d autre(s) avertissement(s) : « cls check » les liste tous.\n", len(warns)-n)
			break
		}
		fmt.Fprintln(w, p)
	}
}

// printWarnings prints every warning of a problem list.
func printWarnings(w io.Writer, probs diag.List) {
	for _, p := range probs {
		if p.Severity == diag.Warning {
			fmt.Fprintln(w, p)
		}
	}
}
