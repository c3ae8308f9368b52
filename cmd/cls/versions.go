package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/diff"
	"github.com/contrat-local-sante/cls/internal/embed"
	"github.com/contrat-local-sante/cls/internal/pipeline"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// extractCommand is « cls extract »: the sources a contract PDF carries,
// written into a folder without replacing a file (unless --force).
func (a *app) extractCommand() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "extract FICHIER.pdf DOSSIER",
		Short: "Extrait d'un contrat PDF les sources dont il a été construit (classeurs, modèles, cls.yaml), sans remplacer de fichier existant",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			extract := embed.Extract
			if force {
				extract = embed.ExtractForce
			}
			files, err := extract(args[0], args[1])
			var list diag.List
			if errors.As(err, &list) {
				// every problem, then what it means here: nothing written
				for _, p := range list {
					fmt.Fprintln(a.stderr, p)
				}
				fmt.Fprintln(a.stderr, "Aucun fichier n'a été écrit.")
				a.code = 1
				return nil
			}
			if err != nil {
				return err
			}
			version := ""
			if m, ok := embed.ManifestOf(files); ok {
				version = " – " + textnorm.Escape(m.Version)
			}
			dir := textnorm.Escape(args[1])
			fmt.Fprintf(a.stdout, "%d fichiers extraits dans %s%s\nPour reconstruire : cls build --config %s --fonts DOSSIER_DES_POLICES\n",
				len(files), dir, version, textnorm.Escape(filepath.Join(args[1], "cls.yaml")))
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "remplace les fichiers qui existent déjà dans DOSSIER")
	return cmd
}

// diffCommand is « cls diff »: what changed between two versions, exit
// code 1 when something did, as diff(1).
func (a *app) diffCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "diff ANCIEN NOUVEAU",
		Short: "Dit ce qui a changé entre deux versions (contrats PDF, dossiers de territoire ou de sources) ; code de sortie 1 s'il y a des changements",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			old, err := pipeline.ReadVersion(args[0])
			if err != nil {
				return err
			}
			new, err := pipeline.ReadVersion(args[1])
			if err != nil {
				return err
			}
			changes := diff.Compare(old, new)
			if len(changes) == 0 {
				fmt.Fprintln(a.stdout, "Aucun changement.")
				return nil
			}
			for _, c := range changes {
				fmt.Fprintln(a.stdout, c)
			}
			fmt.Fprintf(a.stdout, "%d changement(s).\n", len(changes))
			a.code = 1
			return nil
		},
	}
}
