package safefile

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Inside refuses a path that a symbolic link leads out of the folder dir.
// A territory's folders may hold links, to share a file between two
// sections say, but only to their own files: a territory folder received
// from someone else must not pull ~/.ssh/id_rsa or /etc/passwd into the
// PDF, where it would travel as a source. The folder itself may be a
// link: what counts is where its files are. A path that does not resolve
// (missing, a broken link) is left to the reader, which says what is
// wrong.
func Inside(path, dir string) error {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil
	}
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil
	}
	rel, err := filepath.Rel(root, real)
	if err != nil || filepath.IsAbs(rel) || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return &Error{fmt.Sprintf("lien symbolique vers %s, hors du dossier %s", real, root)}
	}
	return nil
}
