package main

import (
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/contrat-local-sante/cls/internal/safefile"
)

// exitInternal is the exit code of a command stopped by an internal error
// (a panic): distinct from 1, the coordinator's own errors.
const exitInternal = 2

// testHook, set only by tests, runs inside the guard before the command,
// so that a test can make a command panic or hang.
var testHook func(args []string)

// run executes the command line and returns the exit code. A panic
// anywhere in the command becomes one French message and exit code 2,
// never a Go stack trace: the PDF is written to a temporary file and
// renamed into place only when complete, so the previous one is intact.
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			where := ""
			if w := panicSite(); w != "" {
				where = " (" + w + ")"
			}
			fmt.Fprintf(stderr, "erreur interne (%s)%s ; le PDF précédent est intact. Merci de signaler ce problème avec le fichier qui l'a provoqué.\n",
				safefile.Recovered(r), where)
			code = exitInternal
		}
	}()
	if testHook != nil {
		testHook(args)
	}
	return runCommand(args, stdout, stderr)
}

// panicSite is the file and line of the project's code where the panic
// being recovered started ("internal/layout/table.go:123"), for the
// report; empty when it started elsewhere. It must be called from the
// deferred function.
func panicSite() string {
	pc := make([]uintptr, 64)
	frames := runtime.CallersFrames(pc[:runtime.Callers(3, pc)])
	const module = "github.com/contrat-local-sante/cls/internal/"
	for {
		f, more := frames.Next()
		if strings.HasPrefix(f.Function, module) {
			file := filepath.ToSlash(f.File)
			if i := strings.LastIndex(file, "/internal/"); i >= 0 {
				file = file[i+1:]
			}
			return fmt.Sprintf("%s:%d", file, f.Line)
		}
		if !more {
			return ""
		}
	}
}
