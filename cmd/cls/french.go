package main

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// frenchCommands makes cobra speak French to the coordinator: help and
// usage, the help command, the -h flag, and every error of the command
// line (unknown command or option, missing value, wrong number of
// arguments). Call it once the whole command tree is built.
func frenchCommands(root *cobra.Command) {
	root.CompletionOptions.DisableDefaultCmd = true
	root.DisableSuggestions = true
	// the root runs, so that an unknown command reaches our message
	// rather than cobra's
	root.Args = cobra.ArbitraryArgs
	root.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return unknownCommand(root, args[0])
		}
		return cmd.Help()
	}
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [commande]",
		Short: "Affiche l'aide d'une commande",
		RunE: func(_ *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil || target == nil {
				return unknownCommand(root, strings.Join(args, " "))
			}
			if len(rest) > 0 {
				return unknownCommand(target, rest[0])
			}
			return target.Help()
		},
	})
	root.SetUsageFunc(func(c *cobra.Command) error {
		fmt.Fprint(c.OutOrStderr(), usage(c))
		return nil
	})
	root.SetHelpFunc(func(c *cobra.Command, _ []string) {
		text := c.Long
		if text == "" {
			text = c.Short
		}
		fmt.Fprintf(c.OutOrStdout(), "%s\n\n%s", strings.TrimSpace(text), usage(c))
	})
	root.SetFlagErrorFunc(flagError)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().BoolP("help", "h", false, "affiche l'aide")
		if args := c.Args; args != nil {
			c.Args = func(cmd *cobra.Command, a []string) error {
				if err := args(cmd, a); err != nil {
					return argsError(cmd, a)
				}
				return nil
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// unknownCommand names the command typed and the ones that exist.
func unknownCommand(parent *cobra.Command, name string) error {
	var names []string
	for _, c := range parent.Commands() {
		if c.IsAvailableCommand() || c.Name() == "help" {
			names = append(names, c.Name())
		}
	}
	if len(names) == 0 {
		return fmt.Errorf("%s : argument inattendu « %s » ; voir « %s --help »", parent.CommandPath(), textnorm.Escape(name), parent.CommandPath())
	}
	return fmt.Errorf("commande inconnue « %s » ; commandes possibles : %s", textnorm.Escape(name), strings.Join(names, ", "))
}

// argsError says how many arguments the command takes, and which, from
// its Use line (« diff ANCIEN NOUVEAU » takes ANCIEN and NOUVEAU).
func argsError(c *cobra.Command, args []string) error {
	want := positional(c)
	if len(want) == 0 {
		if c.HasAvailableSubCommands() {
			return unknownCommand(c, args[0])
		}
		return fmt.Errorf("%s : argument inattendu « %s » ; cette commande n'en prend aucun (voir « %s --help »)",
			c.CommandPath(), textnorm.Escape(args[0]), c.CommandPath())
	}
	got := "aucun argument reçu"
	if len(args) > 0 {
		quoted := make([]string, len(args))
		for i, a := range args {
			quoted[i] = "« " + textnorm.Escape(a) + " »"
		}
		got = plural(len(args), "argument") + " reçu" + map[bool]string{true: "", false: "s"}[len(args) == 1] + " (" + strings.Join(quoted, " ") + ")"
	}
	return fmt.Errorf("%s : %s ; attendu %s : %s (voir « %s --help »)",
		c.CommandPath(), got, plural(len(want), "argument"), strings.Join(want, " "), c.CommandPath())
}

// positional lists the arguments named in the command's Use line, before
// its options.
func positional(c *cobra.Command) []string {
	var out []string
	for _, w := range strings.Fields(c.Use)[1:] {
		if strings.HasPrefix(w, "-") || strings.HasPrefix(w, "[") {
			break
		}
		out = append(out, w)
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// flagError rewrites pflag's errors: the option named as typed, what it
// expects.
func flagError(c *cobra.Command, err error) error {
	var notExist *pflag.NotExistError
	var needsValue *pflag.ValueRequiredError
	var invalid *pflag.InvalidValueError
	var syntax *pflag.InvalidSyntaxError
	switch {
	case errors.As(err, &notExist):
		name := "--" + notExist.GetSpecifiedName()
		if s := notExist.GetSpecifiedShortnames(); s != "" {
			name = "-" + notExist.GetSpecifiedName()
		}
		return fmt.Errorf("option inconnue « %s » pour « %s » ; options possibles : %s", textnorm.Escape(name), c.CommandPath(), flagNames(c))
	case errors.As(err, &needsValue):
		f := needsValue.GetFlag()
		return fmt.Errorf("l'option --%s attend une valeur : %s", f.Name, valueName(f))
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		return fmt.Errorf("l'option --%s : « %s » n'est pas une valeur possible ; attendu %s", f.Name, textnorm.Escape(invalid.GetValue()), expected(f))
	case errors.As(err, &syntax):
		return fmt.Errorf("option mal écrite « %s » ; attendu --nom ou --nom=valeur", textnorm.Escape(syntax.GetSpecifiedFlag()))
	}
	return errors.New(frenchMessage(err.Error()))
}

// flagNames lists the options a command accepts, its own and the global
// ones, in name order.
func flagNames(c *cobra.Command) string {
	var names []string
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden && !slices.Contains(names, "--"+f.Name) {
			names = append(names, "--"+f.Name)
		}
	})
	c.InheritedFlags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden && !slices.Contains(names, "--"+f.Name) {
			names = append(names, "--"+f.Name)
		}
	})
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// valueNames name an option's value in the help, by option name; other
// options are named by their type.
var valueNames = map[string]string{
	"config": "FICHIER", "out": "FICHIER", "sources": "DOSSIER", "templates": "DOSSIER", "fonts": "DOSSIER",
	"all": "DOSSIER", "avant": "ANCIEN", "lieu": "LIEU", "date": "AAAA-MM-JJ", "set": "SECTION.CLE=VALEUR",
	"delai": "SECONDES",
}

func valueName(f *pflag.Flag) string {
	if n, ok := valueNames[f.Name]; ok {
		return n
	}
	switch f.Value.Type() {
	case "int", "int64", "uint", "float64":
		return "NOMBRE"
	case "bool":
		return ""
	}
	return "TEXTE"
}

// expected says what value an option takes, for an error.
func expected(f *pflag.Flag) string {
	switch f.Value.Type() {
	case "int", "int64", "uint":
		return "un nombre entier"
	case "float64":
		return "un nombre"
	case "bool":
		return "true ou false (ou l'option seule)"
	}
	return valueName(f)
}

// usage is the French usage of a command: how to call it, its
// subcommands, its options and the global ones.
func usage(c *cobra.Command) string {
	var b strings.Builder
	b.WriteString("Utilisation :\n")
	if c.HasParent() {
		line := c.Parent().CommandPath() + " " + c.Use
		if c.HasAvailableFlags() && !strings.Contains(c.Use, "[options]") {
			line += " [options]"
		}
		fmt.Fprintf(&b, "  %s\n", line)
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "  %s [commande]\n", c.CommandPath())
		b.WriteString("\nCommandes disponibles :\n")
		width := 0
		for _, s := range c.Commands() {
			width = max(width, len(s.Name()))
		}
		for _, s := range c.Commands() {
			if s.IsAvailableCommand() || s.Name() == "help" {
				fmt.Fprintf(&b, "  %-*s  %s\n", width, s.Name(), s.Short)
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		b.WriteString("\nOptions :\n" + options(c.LocalFlags()))
	}
	if c.HasAvailableInheritedFlags() {
		b.WriteString("\nOptions globales :\n" + options(c.InheritedFlags()))
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "\nUtilisez « %s [commande] --help » pour en savoir plus sur une commande.\n", c.CommandPath())
	}
	return b.String()
}

// options lists a set of options, one a line, their value named in
// French and their default given.
func options(fs *pflag.FlagSet) string {
	type row struct{ name, text string }
	var rows []row
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		name := "    --" + f.Name
		if f.Shorthand != "" {
			name = "-" + f.Shorthand + ", --" + f.Name
		}
		if v := valueName(f); v != "" {
			name += " " + v
		}
		text := f.Usage
		switch f.DefValue {
		case "", "false", "0", "[]":
		default:
			text += " (par défaut : " + f.DefValue + ")"
		}
		rows = append(rows, row{name, text})
		width = max(width, len([]rune(name)))
	})
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "  %s%s  %s\n", r.name, strings.Repeat(" ", width-len([]rune(r.name))), r.text)
	}
	return b.String()
}

// cobraMessages translate, as a last resort, the messages of cobra and
// pflag that the functions above do not produce themselves, so that no
// English reaches the coordinator.
var cobraMessages = []struct {
	re *regexp.Regexp
	fr string
}{
	{regexp.MustCompile(`^unknown command "(.*)" for "(.*)"`), "commande inconnue « $1 » pour « $2 »"},
	{regexp.MustCompile(`^unknown (?:shorthand )?flag: (.*)`), "option inconnue $1"},
	{regexp.MustCompile(`^flag needs an argument: (.*)`), "l'option $1 attend une valeur"},
	{regexp.MustCompile(`^invalid argument "(.*)" for "(.*)" flag: .*`), "l'option $2 : « $1 » n'est pas une valeur possible"},
	{regexp.MustCompile(`^invalid argument "(.*)" for "(.*)"`), "argument « $1 » inconnu pour « $2 »"},
	{regexp.MustCompile(`^bad flag syntax: (.*)`), "option mal écrite « $1 »"},
	{regexp.MustCompile(`^required flag\(s\) (.*) not set`), "option(s) obligatoire(s) absente(s) : $1"},
	{regexp.MustCompile(`^(?:requires at least|accepts at most|accepts|accepts between) .*received (\d+)`), "nombre d'arguments inattendu ($1 reçu(s)) ; voir « cls --help »"},
}

// frenchMessage translates one of cobra's or pflag's messages; any other
// message is returned as is.
func frenchMessage(msg string) string {
	for _, m := range cobraMessages {
		if m.re.MatchString(msg) {
			return m.re.ReplaceAllString(strings.SplitN(msg, "\n", 2)[0], m.fr)
		}
	}
	return msg
}

// completionRequest reports whether args would run cobra's hidden
// completion command (« __complete », « __completeNoDesc »), and under
// which name. Cobra adds that command inside Execute, whatever the
// options, and it prints English on stderr; completion is disabled, so
// cls refuses it as the unknown command it is for the coordinator. The
// command line is resolved as cobra will, options and their values
// skipped, by a stand-in added for the lookup only.
func completionRequest(root *cobra.Command, args []string) (string, bool) {
	probe := &cobra.Command{Use: cobra.ShellCompRequestCmd, Aliases: []string{cobra.ShellCompNoDescRequestCmd},
		Hidden: true, DisableFlagParsing: true, Run: func(*cobra.Command, []string) {}}
	root.InitDefaultHelpCmd() // as Execute does, so that a message lists it
	root.AddCommand(probe)
	defer root.RemoveCommand(probe)
	if c, _, err := root.Find(args); err != nil || c != probe {
		return "", false
	}
	for _, a := range args {
		if a == cobra.ShellCompRequestCmd || a == cobra.ShellCompNoDescRequestCmd {
			return a, true
		}
	}
	return cobra.ShellCompRequestCmd, true
}
