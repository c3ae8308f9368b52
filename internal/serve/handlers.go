package serve

import (
	"bytes"
	"embed"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

//go:embed assets
var assets embed.FS

// static are the page's own files, served by name: no folder is listed.
var static = map[string]string{
	"style.css": "text/css; charset=utf-8",
	"page.js":   "text/javascript; charset=utf-8",
}

// Handler is the whole site, behind the guard of security.go.
func (s *Server) Handler() http.Handler {
	return s.guard(http.HandlerFunc(s.route))
}

// route dispatches by method and path. Only the paths below exist; no
// path from a request is ever joined to a folder.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	if s.welcoming() {
		s.routeWelcome(w, r)
		return
	}
	p := r.URL.Path
	if strings.HasPrefix(p, "/accueil/") && s.chosen != nil {
		// the welcome page's form sent twice, or from an old tab: the
		// territory is open already
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	if r.Method == http.MethodPost {
		if name, ok := strings.CutPrefix(p, "/actions/"); ok {
			s.action(w, r, name)
			return
		}
		refuse(w, http.StatusMethodNotAllowed, "Méthode refusée : seules les actions (/actions/…) s'envoient.")
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD, POST")
		refuse(w, http.StatusMethodNotAllowed, "Méthode refusée : attendu GET, ou POST pour une action.")
		return
	}
	switch {
	case strings.HasPrefix(p, "/actions/"):
		// a bookmark, a reload or a link: an action only runs from its
		// button, never from an address typed or followed
		w.Header().Set("Allow", "POST")
		refuse(w, http.StatusMethodNotAllowed, "Cette adresse est celle d'une action : elle ne se lance que par son bouton, sur la page "+s.URL()+".")
	case p == "/":
		s.page(w, r)
	case p == "/etat":
		s.stateJSON(w)
	case p == "/etat.html":
		s.fragment(w)
	case p == "/contrat.pdf":
		s.contractPDF(w, r)
	case strings.HasPrefix(p, "/fichiers/"):
		s.resultFile(w, r, strings.TrimPrefix(p, "/fichiers/"))
	case strings.HasPrefix(p, "/static/"):
		s.asset(w, r, strings.TrimPrefix(p, "/static/"))
	default:
		refuse(w, http.StatusNotFound, "Page introuvable. La page du contrat est "+s.URL()+".")
	}
}

// page is the whole page.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	var b bytes.Buffer
	if err := pageTemplate().Execute(&b, s.view(true)); err != nil {
		refuse(w, http.StatusInternalServerError, "Erreur interne : page impossible à écrire ("+err.Error()+").")
		return
	}
	w.Header().Set("Content-Security-Policy", pageCSP)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b.Bytes())
}

// fragment is the part of the page that changes with the state, which
// the page's script swaps in when /etat says there is a new state.
func (s *Server) fragment(w http.ResponseWriter) {
	var b bytes.Buffer
	if err := pageTemplate().ExecuteTemplate(&b, "etat", s.view(false)); err != nil {
		refuse(w, http.StatusInternalServerError, "Erreur interne : état impossible à écrire ("+err.Error()+").")
		return
	}
	w.Header().Set("Content-Security-Policy", pageCSP)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b.Bytes())
}

// stateJSON is the short state the page polls: its generation tells
// whether to fetch the new fragment, the hash whether to reload the PDF.
func (s *Server) stateJSON(w http.ResponseWriter) {
	v := s.view(false)
	out := struct {
		Generation int      `json:"generation"`
		Territory  string   `json:"territoire"`
		Building   bool     `json:"construction"`
		SHA256     string   `json:"sha256"`
		Pages      int      `json:"pages"`
		Errors     []string `json:"erreurs"`
		Warnings   []string `json:"avertissements"`
	}{Generation: v.Gen, Territory: v.Territory, Building: v.Building, Errors: []string{}, Warnings: []string{}}
	if v.PDF != nil {
		out.SHA256, out.Pages = v.PDF.SHA256, v.PDF.Pages
	}
	for _, p := range v.Errors {
		out.Errors = append(out.Errors, p.Text)
	}
	for _, p := range v.Warnings {
		out.Warnings = append(out.Warnings, p.Text)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(out)
}

// contractPDF is the last good preview, from memory.
func (s *Server) contractPDF(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	good := s.st.good
	s.mu.Unlock()
	if good == nil {
		refuse(w, http.StatusNotFound, "Aucun contrat construit pour l'instant : la page dit pourquoi.")
		return
	}
	name := good.file
	if name == "" {
		name = "contrat.pdf"
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": name}))
	w.Header().Set("ETag", `"`+good.sha256+`"`)
	http.ServeContent(w, r, "", good.at, bytes.NewReader(good.pdf))
}

// resultFile is a document an action wrote, found by the result's
// number in the server's own list: /fichiers/ID/NAME, where NAME is only
// there for the browser's download name and must match. Only the file
// the action wrote is served: if something else has taken its name since
// (a newer build, a link to anywhere), nothing is.
func (s *Server) resultFile(w http.ResponseWriter, r *http.Request, rest string) {
	idText, name, _ := strings.Cut(rest, "/")
	id, err := strconv.Atoi(idText)
	var file string
	var written os.FileInfo
	if err == nil {
		s.mu.Lock()
		for _, res := range s.st.results {
			if res.id == id {
				file, written = res.file, res.written
			}
		}
		s.mu.Unlock()
	}
	if file == "" || written == nil || name != filepath.Base(file) {
		refuse(w, http.StatusNotFound, "Fichier introuvable : seuls les documents que les actions de cette page viennent d'écrire sont servis.")
		return
	}
	gone := "Fichier introuvable : " + filepath.Base(file) + " a été remplacé, déplacé ou supprimé depuis que cette action l'a écrit. Ouvrez le dossier de sortie, ou relancez l'action."
	if now, err := os.Lstat(file); err != nil || !sameWritten(written, now) {
		refuse(w, http.StatusNotFound, gone)
		return
	}
	f, err := os.Open(file)
	if err != nil {
		refuse(w, http.StatusNotFound, gone)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !sameWritten(written, st) {
		refuse(w, http.StatusNotFound, gone)
		return
	}
	disposition, ctype := "attachment", "application/octet-stream"
	switch strings.ToLower(filepath.Ext(file)) {
	case ".pdf":
		disposition, ctype = "inline", "application/pdf"
	case ".xlsx":
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": filepath.Base(file)}))
	http.ServeContent(w, r, "", st.ModTime(), io.NewSectionReader(f, 0, st.Size()))
}

// sameWritten reports whether now is still the regular file an action
// wrote, unchanged.
func sameWritten(written, now os.FileInfo) bool {
	return now.Mode().IsRegular() && os.SameFile(written, now) && now.Size() == written.Size() && now.ModTime().Equal(written.ModTime())
}

// asset is one of the page's own files.
func (s *Server) asset(w http.ResponseWriter, r *http.Request, name string) {
	ctype, ok := static[name]
	if !ok {
		refuse(w, http.StatusNotFound, "Fichier introuvable.")
		return
	}
	b, err := assets.ReadFile(path.Join("assets", name))
	if err != nil {
		refuse(w, http.StatusNotFound, "Fichier introuvable.")
		return
	}
	w.Header().Set("Content-Type", ctype)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(b))
}
