package main

import (
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/contrat-local-sante/cls/internal/pipeline"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// avenantCommand is « cls avenant N »: avenant n° N as its own PDF, by
// default beside the contract in sortie.dossier.
func (a *app) avenantCommand() *cobra.Command {
	var out, avant string
	cmd := &cobra.Command{
		Use:   "avenant N [--out FICHIER.pdf] [--avant ANCIEN]",
		Short: "Produit l'avenant n° N en PDF (parties, visas, articles, fiches ajoutées, changements, signatures)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			n, err := strconv.Atoi(args[0])
			if err != nil {
				return fmt.Errorf("« %s » n'est pas un numéro d'avenant ; attendu un nombre (1, 2…)", textnorm.Escape(args[0]))
			}
			res, err := pipeline.Avenant(a.opt, n, avant, out)
			return a.written(res, err, func(res *pipeline.Result) string {
				return fmt.Sprintf("Avenant écrit : %s (%d pages)\nSHA-256 : %s (aussi dans %s.sha256)\n",
					res.Path, len(res.Layout.Pages), res.SHA256, filepath.Base(res.Path))
			})
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "fichier PDF de l'avenant (par défaut : NOM-avenant-N.pdf dans sortie.dossier, NOM étant sortie.fichier sans .pdf)")
	cmd.Flags().StringVar(&avant, "avant", "", "sources d'avant l'avenant : le contrat PDF signé précédent, ou son dossier (nécessaire si l'avenant modifie des fiches)")
	return cmd
}
