package main

import (
	"context"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/contrat-local-sante/cls/internal/serve"
)

// serveContext is how long « cls serve » runs: until Ctrl+C or the
// window closes. Tests replace it to stop the server.
var serveContext = func() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// openBrowser opens the page; tests replace it.
var openBrowser = serve.OpenBrowser

// serveCommand is « cls serve »: the territory's page, rebuilt on every
// save, with the actions that write the documents.
func (a *app) serveCommand() *cobra.Command {
	var addr string
	var noBrowser bool
	var home string
	cmd := &cobra.Command{
		Use:   "serve [--adresse 127.0.0.1:8080] [--sans-navigateur]",
		Short: "Ouvre dans le navigateur une page qui reconstruit le contrat à chaque enregistrement et montre les erreurs et le PDF",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			signalled, stop := serveContext()
			defer stop()
			// the first Ctrl+C stops the page, letting an action under
			// way end; a second one, back to the system's default, ends
			// cls at once (the PDF in place is intact either way). The
			// page hears of the first only once the second would end cls.
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			context.AfterFunc(signalled, func() { stop(); cancel() })
			cfg := serve.Config{Options: a.opt, Addr: addr, Stdout: a.stdout, Stderr: a.stderr, Home: home}
			if !noBrowser {
				cfg.Open = openBrowser
			}
			return serve.Run(ctx, cfg)
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "adresse", serve.DefaultAddr, "hôte:port où servir la page ; une adresse autre que 127.0.0.1 rend la page accessible depuis le réseau")
	f.BoolVar(&noBrowser, "sans-navigateur", false, "n'ouvre pas le navigateur (l'adresse de la page est affichée)")
	// what cls started without arguments away from any territory serves:
	// the welcome page, which creates or opens one in that folder
	f.StringVar(&home, "accueil", "", "page d'accueil : crée ou ouvre un territoire dans ce dossier")
	f.MarkHidden("accueil")
	return cmd
}

// executable is the path of the running program; tests replace it.
var executable = os.Executable

// territoryHere is the cls.yaml that cls, started without arguments,
// serves: the current folder's, else the one beside the program — what a
// double-click on cls.exe in a territory folder gives on Windows, where
// the current folder may be another.
func territoryHere() (string, bool) {
	if isFile("cls.yaml") {
		return "cls.yaml", true
	}
	exe, err := executable()
	if err != nil {
		return "", false
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	p := filepath.Join(filepath.Dir(exe), "cls.yaml")
	return p, isFile(p)
}

// isFile reports whether p is a regular file.
func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// userHome is the user's home folder; tests replace it.
var userHome = os.UserHomeDir

// welcomeDir is the folder where the welcome page creates and looks for
// territories: the current folder, as a terminal user expects, except for
// the one case where it is surely not the coordinator's choice — on macOS
// a double-clicked program runs in the home folder, wherever it lies. The
// program's own folder is taken then, if it is under the home folder (a
// program installed for everyone, /usr/local/bin, is no place for a
// territory).
func welcomeDir() string {
	cwd, err := os.Getwd()
	if err != nil {
		return "."
	}
	home, err := userHome()
	if err != nil || !sameDir(cwd, home) {
		return cwd
	}
	exe, err := executable()
	if err != nil {
		return cwd
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	dir := filepath.Dir(exe)
	if rel, err := filepath.Rel(home, dir); err == nil && rel != "." && filepath.IsLocal(rel) {
		return dir
	}
	return cwd
}

// sameDir reports whether a and b are the same folder.
func sameDir(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}
