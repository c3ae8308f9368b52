// Command cls builds a territory's Contrat Local de Santé as a print-ready
// PDF from its spreadsheets and prose templates.
//
//	cls build [--out FILE] [--sources DIR] [--templates DIR] [--config FILE]
//	cls check
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/diff"
	"github.com/contrat-local-sante/cls/internal/embed"
	"github.com/contrat-local-sante/cls/internal/pipeline"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// runCommand executes the command line and returns the exit code; run
// guards it against panics.
func runCommand(args []string, stdout, stderr io.Writer) int {
	code := 0
	var opt pipeline.Options
	var lieu, date, all string
	var sets []string
	var delai int
	var oneLine bool
	root := &cobra.Command{
		Use:           "cls",
		Short:         "Produit le Contrat Local de Santé en PDF à partir des tableurs et des modèles",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&opt.Config, "config", "cls.yaml", "fichier de configuration")
	root.PersistentFlags().StringVar(&opt.Sources, "sources", "", "dossier des classeurs (remplace « sources » de cls.yaml)")
	root.PersistentFlags().StringVar(&opt.Templates, "templates", "", "dossier des modèles (remplace « modeles » de cls.yaml)")
	root.PersistentFlags().StringVar(&opt.Fonts, "fonts", "", "dossier des polices (remplace polices.dossier de cls.yaml)")
	root.PersistentFlags().StringVar(&lieu, "lieu", "", "lieu de signature (remplace signature.lieu)")
	root.PersistentFlags().StringVar(&date, "date", "", "date de signature AAAA-MM-JJ (remplace signature.date)")
	root.PersistentFlags().StringArrayVar(&sets, "set", nil, "remplace une clé de cls.yaml : --set document.titre_court=\"…\" (répétable)")
	// the overrides are checked once, before any command runs: a bad
	// --set stops the command rather than being ignored
	var parsed map[string]string
	root.PersistentPreRunE = func(*cobra.Command, []string) (err error) {
		parsed, err = parseOverrides(sets, lieu, date)
		return err
	}
	overrides := func() map[string]string { return parsed }
	buildCmd := &cobra.Command{
		Use:   "build",
		Short: "Construit le contrat en PDF",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opt.Overrides = overrides()
			if err := allFlags(cmd, all, delai); err != nil {
				return err
			}
			if all != "" {
				failed, err := buildAll(all, opt, time.Duration(delai)*time.Second, stdout)
				if failed {
					code = 1
				}
				return err
			}
			res, err := pipeline.Build(opt)
			if res != nil {
				printSomeWarnings(stderr, res.Problems, 5)
			}
			if err != nil {
				return err
			}
			if oneLine {
				fmt.Fprintf(stdout, "%s (%d pages, SHA-256 %s)\n", res.Path, len(res.Layout.Pages), res.SHA256[:16])
				return nil
			}
			fmt.Fprintf(stdout, "Contrat écrit : %s (%d pages, %d octets)\n%s\nSHA-256 : %s (aussi dans %s.sha256)\n",
				res.Path, len(res.Layout.Pages), len(res.PDF), res.Contract.Version(), res.SHA256, filepath.Base(res.Path))
			return nil
		},
	}
	buildCmd.Flags().StringVar(&all, "all", "", "construit chaque dossier de territoire (avec cls.yaml) de ce dossier, chacun à part")
	buildCmd.Flags().IntVar(&delai, "delai", 120, "avec --all : secondes au plus pour chaque territoire, au-delà sa construction est interrompue")
	// the one-line report a child build gives its --all parent
	buildCmd.Flags().BoolVar(&oneLine, "une-ligne", false, "")
	buildCmd.Flags().MarkHidden("une-ligne")
	buildCmd.Flags().StringVar(&opt.Out, "out", "", "fichier PDF à écrire (par défaut : sortie.dossier/sortie.fichier de cls.yaml)")
	checkCmd := &cobra.Command{
		Use:   "check",
		Short: "Vérifie les classeurs et les modèles sans produire le PDF",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opt.Overrides = overrides()
			probs, err := pipeline.Check(opt)
			if err != nil {
				return err
			}
			printWarnings(stderr, probs)
			if probs.HasErrors() {
				return probs
			}
			fmt.Fprintf(stdout, "Sources vérifiées : %d avertissement(s), aucune erreur.\n", len(probs))
			return nil
		},
	}
	var force bool
	extractCmd := &cobra.Command{
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
					fmt.Fprintln(stderr, p)
				}
				fmt.Fprintln(stderr, "Aucun fichier n'a été écrit.")
				code = 1
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
			fmt.Fprintf(stdout, "%d fichiers extraits dans %s%s\nPour reconstruire : cls build --config %s --fonts DOSSIER_DES_POLICES\n",
				len(files), dir, version, textnorm.Escape(filepath.Join(args[1], "cls.yaml")))
			return nil
		},
	}
	extractCmd.Flags().BoolVar(&force, "force", false, "remplace les fichiers qui existent déjà dans DOSSIER")
	diffCmd := &cobra.Command{
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
				fmt.Fprintln(stdout, "Aucun changement.")
				return nil
			}
			for _, c := range changes {
				fmt.Fprintln(stdout, c)
			}
			fmt.Fprintf(stdout, "%d changement(s).\n", len(changes))
			code = 1
			return nil
		},
	}
	var avenantOut, avant string
	avenantCmd := &cobra.Command{
		Use:   "avenant N --out FICHIER.pdf [--avant ANCIEN]",
		Short: "Produit l'avenant n° N en PDF (parties, visas, articles, fiches ajoutées, changements, signatures)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			n, err := strconv.Atoi(args[0])
			if err != nil {
				return fmt.Errorf("« %s » n'est pas un numéro d'avenant ; attendu un nombre (1, 2…)", args[0])
			}
			if avenantOut == "" {
				return fmt.Errorf("attendu --out FICHIER.pdf : le fichier où écrire l'avenant")
			}
			opt.Overrides = overrides()
			res, err := pipeline.Avenant(opt, n, avant, avenantOut)
			if res != nil {
				printSomeWarnings(stderr, res.Problems, 5)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Avenant écrit : %s (%d pages)\nSHA-256 : %s (aussi dans %s.sha256)\n", res.Path, len(res.Layout.Pages), res.SHA256, filepath.Base(res.Path))
			return nil
		},
	}
	avenantCmd.Flags().StringVar(&avenantOut, "out", "", "fichier PDF de l'avenant")
	avenantCmd.Flags().StringVar(&avant, "avant", "", "sources d'avant l'avenant : le contrat PDF signé précédent, ou son dossier (nécessaire si l'avenant modifie des fiches)")
	var evalOut string
	var evalAppend bool
	evaluationCmd := &cobra.Command{
		Use:   "evaluation ANNÉE --out FICHIER.pdf [--append]",
		Short: "Produit l'annexe d'évaluation annuelle (ou, avec --append, le contrat consolidé suivi de l'annexe)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			year, err := parseYear(args[0])
			if err != nil {
				return err
			}
			opt.Overrides = overrides()
			if evalAppend {
				opt.Out, opt.EvaluationYear = evalOut, year
				res, err := pipeline.Build(opt)
				if res != nil {
					printSomeWarnings(stderr, res.Problems, 5)
				}
				if err != nil {
					return err
				}
				fmt.Fprintf(stdout, "Contrat avec l'annexe d'évaluation %d écrit : %s (%d pages)\nSHA-256 : %s\n", year, res.Path, len(res.Layout.Pages), res.SHA256)
				return nil
			}
			if evalOut == "" {
				return fmt.Errorf("attendu --out FICHIER.pdf : le fichier où écrire l'annexe")
			}
			res, err := pipeline.Evaluation(opt, year, evalOut)
			if res != nil {
				printSomeWarnings(stderr, res.Problems, 5)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Annexe d'évaluation %d écrite : %s (%d pages)\nSHA-256 : %s\n", year, res.Path, len(res.Layout.Pages), res.SHA256)
			return nil
		},
	}
	evaluationCmd.Flags().StringVar(&evalOut, "out", "", "fichier PDF à écrire")
	evaluationCmd.Flags().BoolVar(&evalAppend, "append", false, "ajouter l'annexe au contrat consolidé")
	var tplOut string
	evalTemplateCmd := &cobra.Command{
		Use:   "template ANNÉE --out FICHIER.xlsx",
		Short: "Écrit le classeur vierge de l'évaluation d'une année, à remplir",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			year, err := parseYear(args[0])
			if err != nil {
				return err
			}
			if tplOut == "" {
				return fmt.Errorf("attendu --out FICHIER.xlsx, par exemple sources/evaluation/%d.xlsx", year)
			}
			if err := pipeline.EvaluationTemplate(opt, year, tplOut); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Classeur d'évaluation %d écrit : %s\n", year, tplOut)
			return nil
		},
	}
	evalTemplateCmd.Flags().StringVar(&tplOut, "out", "", "classeur à écrire")
	evaluationCmd.AddCommand(evalTemplateCmd)
	root.AddCommand(buildCmd, checkCmd, extractCmd, diffCmd, avenantCmd, evaluationCmd)
	frenchCommands(root)
	if name, ok := completionRequest(root, args); ok {
		fmt.Fprintln(stderr, "erreur :", unknownCommand(root, name))
		return 1
	}
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.Execute(); err != nil {
		var list diag.List
		if errors.As(err, &list) {
			for _, p := range list.Sorted() {
				if p.Severity == diag.Error {
					fmt.Fprintln(stderr, p)
				}
			}
			n := 0
			for _, p := range list {
				if p.Severity == diag.Error {
					n++
				}
			}
			fmt.Fprintf(stderr, "%d erreur(s) : rien n'a été produit ; le PDF précédent est intact.\n", n)
		} else {
			fmt.Fprintln(stderr, "erreur :", frenchMessage(err.Error()))
		}
		code = 1
	}
	return code
}

// printSomeWarnings prints the first n warnings and counts the others:
// a build should not drown its result; cls check lists them all.
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

// printWarnings prints the warnings of a problem list.
func printWarnings(w io.Writer, probs diag.List) {
	for _, p := range probs {
		if p.Severity == diag.Warning {
			fmt.Fprintln(w, p)
		}
	}
}
