package serve

import "github.com/contrat-local-sante/cls/internal/pipeline"

// Maker builds the contract in memory, never writing a file: the
// preview the page shows. It is an interface so that a rebuilder that
// keeps what did not change between two saves can take pipeline.Make's
// place without the server changing.
type Maker interface {
	Make(pipeline.Options) (*pipeline.Result, error)
}

// MakeFunc adapts a function to Maker.
type MakeFunc func(pipeline.Options) (*pipeline.Result, error)

// Make calls f.
func (f MakeFunc) Make(opt pipeline.Options) (*pipeline.Result, error) { return f(opt) }

// defaultMaker is the preview's builder when Config leaves it out: a
// rebuilder of its own for the served territory, which keeps the fonts
// and the workbooks that did not change between two saves (same bytes as
// pipeline.Make).
func defaultMaker() Maker { return pipeline.NewRebuilder() }
