package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/contrat-local-sante/cls/internal/frgram"
	"github.com/contrat-local-sante/cls/internal/starter"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// initCommand is « cls init »: a new territory that builds at once, in a
// folder that does not exist yet or is empty.
func (a *app) initCommand() *cobra.Command {
	var name string
	cmd := &cobra.Command{
		Use:   "init DOSSIER",
		Short: "Crée un nouveau territoire prêt à construire : cls.yaml, classeurs d'exemple, textes de départ",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			files, err := starter.Write(dir, name)
			if err != nil {
				return err
			}
			shown := textnorm.Escape(dir)
			fmt.Fprintf(a.stdout, "Territoire créé dans %s (%d fichiers) :\n", shown, len(files))
			for _, f := range files {
				fmt.Fprintf(a.stdout, "  %s\n", textnorm.Escape(filepath.ToSlash(f)))
			}
			if !frgram.Decide(strings.TrimSpace(name), "", frgram.Unknown).ArticleKnown() {
				fmt.Fprintf(a.stdout, "À compléter : l'article de « %s » ne se devine pas ; indiquez-le dans cls.yaml (territoire.article) et dans la colonne « Article » de la feuille « Signataires » (cls check le rappelle).\n", textnorm.Escape(strings.TrimSpace(name)))
			}
			fmt.Fprintf(a.stdout, "Les polices, les textes des avenants et de l'évaluation sont ceux que porte le programme.\n")
			fmt.Fprintf(a.stdout, "Pour construire le contrat : cls build --config %s\n", textnorm.Escape(filepath.Join(dir, "cls.yaml")))
			return nil
		},
	}
	cmd.Flags().StringVar(&name, "territoire", starter.DefaultName, "nom du territoire (territoire.nom de cls.yaml)")
	return cmd
}
