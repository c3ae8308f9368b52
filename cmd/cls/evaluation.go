package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/contrat-local-sante/cls/internal/pipeline"
)

// evaluationCommand is « cls evaluation ANNÉE »: the yearly evaluation
// annex as its own PDF or, with --append, the consolidated contract
// followed by it; both by default beside the contract in sortie.dossier.
// Its subcommand « template » writes the year's blank workbook.
func (a *app) evaluationCommand() *cobra.Command {
	var out string
	var appended bool
	cmd := &cobra.Command{
		Use:   "evaluation ANNÉE [--out FICHIER.pdf] [--append]",
		Short: "Produit l'annexe d'évaluation annuelle (ou, avec --append, le contrat consolidé suivi de l'annexe)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			year, err := parseYear(args[0])
			if err != nil {
				return err
			}
			if appended {
				opt := a.opt
				opt.Out, opt.EvaluationYear = out, year
				res, err := pipeline.Build(opt)
				return a.written(res, err, func(res *pipeline.Result) string {
					return fmt.Sprintf("Contrat avec l'annexe d'évaluation %d écrit : %s (%d pages)\nSHA-256 : %s\n", year, res.Path, len(res.Layout.Pages), res.SHA256)
				})
			}
			res, err := pipeline.Evaluation(a.opt, year, out)
			return a.written(res, err, func(res *pipeline.Result) string {
				return fmt.Sprintf("Annexe d'évaluation %d écrite : %s (%d pages)\nSHA-256 : %s\n", year, res.Path, len(res.Layout.Pages), res.SHA256)
			})
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "fichier PDF à écrire (par défaut : NOM-evaluation-ANNÉE.pdf, ou avec --append NOM-avec-evaluation-ANNÉE.pdf, dans sortie.dossier, NOM étant sortie.fichier sans .pdf)")
	cmd.Flags().BoolVar(&appended, "append", false, "ajouter l'annexe au contrat consolidé")
	cmd.AddCommand(a.evaluationTemplateCommand())
	return cmd
}

// evaluationTemplateCommand is « cls evaluation template ANNÉE »: the
// year's blank workbook, by default where cls evaluation reads it.
func (a *app) evaluationTemplateCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "template ANNÉE [--out FICHIER.xlsx]",
		Short: "Écrit le classeur vierge de l'évaluation d'une année, à remplir",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			year, err := parseYear(args[0])
			if err != nil {
				return err
			}
			path, err := pipeline.EvaluationTemplate(a.opt, year, out)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Classeur d'évaluation %d écrit : %s\n", year, path)
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "classeur à écrire (par défaut : evaluation/ANNÉE.xlsx dans le dossier des sources)")
	return cmd
}
