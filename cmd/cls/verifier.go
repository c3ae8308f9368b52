package main

import (
	"github.com/spf13/cobra"

	"github.com/contrat-local-sante/cls/internal/textnorm"
	"github.com/contrat-local-sante/cls/internal/verify"
)

// verifierCommand is « cls verifier »: which build a copy (typically
// signed) derives from, who signed it, whether its sources are intact;
// exit code 1 unless the build is intact in it with its sources.
func (a *app) verifierCommand() *cobra.Command {
	var given string
	cmd := &cobra.Command{
		Use:   "verifier FICHIER.pdf",
		Short: "Vérifie une copie du contrat, signée ou non : construction d'origine (SHA-256), signatures, sources jointes ; code de sortie 1 si la construction ou ses sources ne sont pas intactes",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			expected, err := verify.Lookup(args[0], given)
			if err != nil {
				return err
			}
			pdf, err := verify.ReadFile(args[0])
			if err != nil {
				return err
			}
			where := textnorm.Escape(args[0])
			r, err := verify.Check(where, pdf, expected)
			if err != nil {
				return err
			}
			r.Write(a.stdout, where)
			if !r.OK() {
				a.code = 1
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&given, "empreinte", "", "SHA-256 de la construction d'origine, ou son fichier .sha256 (par défaut FICHIER.pdf.sha256, sinon les .sha256 de output/ et les PDF de output/archive/)")
	return cmd
}
