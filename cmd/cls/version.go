package main

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"
)

// version is the release this program was built as, set by
// scripts/release.sh through the linker:
//
//	go build -ldflags "-X main.version=1.2.0" ./cmd/cls
//
// It stays empty in a build from the sources, which says so, so that a
// coordinator reporting a problem can tell which binary they run.
var version string

// versionLine is what « cls version » and « cls --version » print: the
// version and the system the binary was built for, which is what a
// coordinator who downloaded the wrong file needs to see.
func versionLine() string {
	v := version
	if v == "" {
		v = "version de développement"
	}
	return fmt.Sprintf("cls %s (%s/%s)", v, runtime.GOOS, runtime.GOARCH)
}

// addVersion gives root « cls version » and the --version option, in
// French. Call it before frenchCommands, which gives the subcommand its
// French -h.
func (a *app) addVersion(root *cobra.Command) {
	root.Version = versionLine()
	root.SetVersionTemplate("{{.Version}}\n")
	// defined here, cobra does not add its own, worded in English
	root.Flags().Bool("version", false, "affiche la version de cls")
	root.AddCommand(&cobra.Command{
		Use:   "version",
		Short: "Affiche la version de cls et le système pour lequel il a été construit",
		Args:  cobra.NoArgs,
		// left out of the list of commands, which --version stands for
		Hidden: true,
		Run: func(*cobra.Command, []string) {
			fmt.Fprintln(a.stdout, versionLine())
		},
	})
}
