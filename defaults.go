// Package cls holds what every territory falls back on: the shipped
// territory's template sets and labels, carried inside the program so that
// a territory that leaves one out still gets the shipped wording, and so
// that the wording lives in files a coordinator can read and change, not in
// Go code.
package cls

import "embed"

// Defaults are the shipped territory's default files, under their paths
// in the repository (templates/libelles.yaml, …).
//
//go:embed templates/libelles.yaml templates/evaluation templates/avenant
var Defaults embed.FS
