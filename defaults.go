// Package cls holds what every territory falls back on: the shipped
// territory's template sets and labels, carried inside the program so that
// a territory that leaves one out still gets the shipped wording, and so
// that the wording lives in files a coordinator can read and change, not in
// Go code.
package cls

import "embed"

// Defaults are the shipped territory's default files, under their paths
// in the repository (templates/libelles.yaml, …), and the Carlito faces
// with their licence (fonts/…), so that a territory without a fonts
// folder still builds.
//
//go:embed templates/libelles.yaml templates/theme.yaml templates/evaluation templates/avenant fonts/*.ttf fonts/OFL.txt
var Defaults embed.FS
