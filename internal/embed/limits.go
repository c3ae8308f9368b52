package embed

import "time"

// Bounds on what reading a PDF may cost. A contract PDF made by cls weighs
// well under 1 MB and its attachments inflate to under 1 MB in total; the
// bounds leave room for a hundred times that and stop a hostile file
// (a "zip bomb", a maze of objects) before it exhausts memory.
const (
	// MaxPDFSize is the largest PDF read at all, checked before reading:
	// fifty times the shipped contract. pdfcpu may need some fifteen times
	// the size of a single huge object while parsing it.
	MaxPDFSize = 32 << 20
	// MaxFileSize is the largest size one attachment may inflate to.
	MaxFileSize = 64 << 20
	// MaxTotalSize is the largest size all attachments together may
	// inflate to. Sizes are measured before any content is kept, so a
	// bomb costs time (about a second at most) but no memory; an accepted
	// PDF keeps its contents, at most this much.
	MaxTotalSize = 128 << 20
	// MaxFiles is the largest number of attachments read.
	MaxFiles = 4096
	// maxTreeDepth bounds the nesting of the EmbeddedFiles name tree.
	maxTreeDepth = 32
	// maxObjectStreams bounds how many distinct object streams the walk
	// of the attachments may open; each one inflates to at most
	// maxDecodeBytes (cls packs its small objects 200 to a stream, the
	// attachments' file specifications together in one or two).
	maxObjectStreams = 16
	// maxDecodeBytes bounds every stream pdfcpu inflates itself (object
	// streams and cross-reference streams).
	maxDecodeBytes = 16 << 20
	// maxObjects bounds the number of objects and cross-reference entries
	// a PDF may declare. A tagged contract has some 45 per page (its
	// structure tree), the shipped one about 4 200: the largest contract
	// the layout makes (layout.MaxPages, 2 000 pages) stays under it.
	maxObjects = 120_000
	// maxReadTime stops pdfcpu on a PDF that would take longer to parse,
	// whatever the cause: a backstop, never reached by a real contract
	// (about 50 ms).
	maxReadTime = 20 * time.Second
	// maxProblems caps the problems listed at once.
	maxProblems = 20
)

// mo writes a byte size in whole megabytes, for messages.
func mo(n int64) int64 { return n >> 20 }
