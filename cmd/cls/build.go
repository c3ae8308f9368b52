package main

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/contrat-local-sante/cls/internal/pipeline"
)

// buildCommand is « cls build »: the contract, where cls.yaml says or at
// --out; with --all, every territory of a folder, each in its own
// process.
func (a *app) buildCommand() *cobra.Command {
	var all string
	var delai int
	var oneLine bool
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Construit le contrat en PDF",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := allFlags(cmd, all, delai); err != nil {
				return err
			}
			if all != "" {
				failed, err := buildAll(all, a.opt, time.Duration(delai)*time.Second, a.stdout)
				if failed {
					a.code = 1
				}
				return err
			}
			res, err := pipeline.Build(a.opt)
			return a.written(res, err, func(res *pipeline.Result) string {
				if oneLine {
					return fmt.Sprintf("%s (%d pages, SHA-256 %s)\n", res.Path, len(res.Layout.Pages), res.SHA256[:16])
				}
				return fmt.Sprintf("Contrat écrit : %s (%d pages, %d octets)\n%s\nSHA-256 : %s (aussi dans %s.sha256)\n",
					res.Path, len(res.Layout.Pages), len(res.PDF), res.Contract.Version(), res.SHA256, filepath.Base(res.Path))
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&all, "all", "", "construit chaque dossier de territoire (avec cls.yaml) de ce dossier, chacun à part")
	f.IntVar(&delai, "delai", 120, "avec --all : secondes au plus pour chaque territoire, au-delà sa construction est interrompue")
	// the one-line report a child build gives its --all parent
	f.BoolVar(&oneLine, "une-ligne", false, "")
	f.MarkHidden("une-ligne")
	f.StringVar(&a.opt.Out, "out", "", "fichier PDF à écrire (par défaut : sortie.dossier/sortie.fichier de cls.yaml ; un chemin relatif part du dossier courant)")
	return cmd
}

// checkCommand is « cls check »: every problem of the sources, the
// templates and the output, without laying the contract out.
func (a *app) checkCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Vérifie les classeurs et les modèles sans produire le PDF",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			probs, err := pipeline.Check(a.opt)
			if err != nil {
				return err
			}
			printWarnings(a.stderr, probs)
			if probs.HasErrors() {
				return probs
			}
			fmt.Fprintf(a.stdout, "Sources vérifiées : %d avertissement(s), aucune erreur.\n", len(probs))
			return nil
		},
	}
}
