// Command cls builds a territory's Contrat Local de Santé as a print-ready
// PDF from its spreadsheets and prose templates, and the documents that
// follow it: avenants, yearly evaluations.
//
//	cls init DOSSIER [--territoire NOM]          a new territory, ready to build
//	cls build [--out FICHIER.pdf] [--all DOSSIER [--delai S]]  the contract
//	cls check                                    every problem, no PDF
//	cls avenant N [--out FICHIER.pdf] [--avant ANCIEN]  avenant n° N
//	cls diff ANCIEN NOUVEAU                      what changed between versions
//	cls extract FICHIER.pdf DOSSIER [--force]   the sources a PDF carries
//	cls verifier FICHIER.pdf [--empreinte SHA256]  a (signed) copy's build and signers
//	cls evaluation ANNÉE [--out FICHIER.pdf] [--append]  the yearly annex
//	cls evaluation template ANNÉE [--out FICHIER.xlsx]  its blank workbook
//	cls serve [--adresse 127.0.0.1:8080] [--sans-navigateur]  the territory's page
//
// Started without arguments in a territory folder (or with cls.yaml
// beside the program), cls serves that territory's page and opens the
// browser; anywhere else, a welcome page that creates a territory there
// or opens one of the territory folders there (see welcomeDir).
//
// Every command takes --config (cls.yaml, by default in the current
// folder), --sources, --templates, --fonts, --lieu, --date and --set.
// Paths that cls.yaml names, and the default outputs, are taken from the
// territory folder (the folder of cls.yaml); paths typed on the command
// line (--out, --sources…) are taken from the current folder.
package main

import (
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/contrat-local-sante/cls/internal/pipeline"
)

func main() {
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	holdWindow()
	os.Exit(code)
}

// app is one run of cls: the options every command shares, where it
// writes, and its exit code.
type app struct {
	opt            pipeline.Options
	lieu, date     string
	sets           []string
	stdout, stderr io.Writer
	code           int
}

// runCommand executes the command line and returns the exit code; run
// guards it against panics.
func runCommand(args []string, stdout, stderr io.Writer) int {
	// the commands report a document's page count, never what its pages
	// draw: the writer may drop them once drawn
	a := &app{stdout: stdout, stderr: stderr, opt: pipeline.Options{ReleasePages: true}}
	if len(args) == 0 {
		// a double-click: in a territory, its page; elsewhere, for a
		// person at a console, the welcome page, which creates or opens
		// one (the help is « cls --help »). A script or a pipe gets the
		// help, as always, rather than a page that waits for ever.
		if cfg, ok := territoryHere(); ok {
			args = []string{"serve", "--config", cfg}
		} else if stdoutIsTerminal(stdout) {
			args = []string{"serve", "--accueil=" + welcomeDir()}
		}
	}
	root := a.rootCommand()
	root.AddCommand(a.buildCommand(), a.checkCommand(), a.extractCommand(), a.diffCommand(),
		a.avenantCommand(), a.evaluationCommand(), a.initCommand(), a.verifierCommand(), a.serveCommand())
	a.addVersion(root)
	frenchCommands(root)
	if name, ok := completionRequest(root, args); ok {
		a.fail(unknownCommand(root, name))
		return a.code
	}
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.Execute(); err != nil {
		a.fail(err)
	}
	return a.code
}

// rootCommand is cls itself, with the options every command takes.
func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:           "cls",
		Short:         "Produit le Contrat Local de Santé en PDF à partir des tableurs et des modèles",
		SilenceUsage:  true,
		SilenceErrors: true,
		// the overrides are checked once, before any command runs: a bad
		// --set stops the command rather than being ignored
		PersistentPreRunE: func(*cobra.Command, []string) (err error) {
			a.opt.Overrides, err = parseOverrides(a.sets, a.lieu, a.date)
			return err
		},
	}
	f := root.PersistentFlags()
	f.StringVar(&a.opt.Config, "config", "cls.yaml", "fichier de configuration")
	f.StringVar(&a.opt.Sources, "sources", "", "dossier des classeurs (remplace « sources » de cls.yaml)")
	f.StringVar(&a.opt.Templates, "templates", "", "dossier des modèles (remplace « modeles » de cls.yaml)")
	f.StringVar(&a.opt.Fonts, "fonts", "", "dossier des polices (remplace polices.dossier de cls.yaml)")
	f.StringVar(&a.lieu, "lieu", "", "lieu de signature (remplace signature.lieu)")
	f.StringVar(&a.date, "date", "", "date de signature AAAA-MM-JJ (remplace signature.date)")
	f.StringArrayVar(&a.sets, "set", nil, "remplace une clé de cls.yaml : --set document.titre_court=\"…\" (répétable)")
	return root
}
