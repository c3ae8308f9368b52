package serve

import (
	"crypto/subtle"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// maxBody bounds what a request may send: the actions' forms hold a few
// short fields.
const maxBody = 16 << 10

// writeWait is how long a GET's answer may take to be read: the browser
// reads a PDF of a few megabytes from this machine in well under a
// second. Tests shorten it.
var writeWait = time.Minute

// tokenField is the form field, and tokenHeader the header, that carry
// the per-process token.
const (
	tokenField  = "jeton"
	tokenHeader = "X-Cls-Jeton"
)

// setAddr records the address served and the names a request may give
// it. On the loopback interface the page answers to its IP address and
// to « localhost », which the browser resolves itself; elsewhere to the
// address given only, or, for an unspecified address (0.0.0.0), to any
// IP address on its port. A name resolved by a DNS server is never
// accepted: that is what a DNS rebinding attack uses to make a page of
// another site talk to this one.
func (s *Server) setAddr(host string, port int) {
	p := strconv.Itoa(port)
	s.addr = net.JoinHostPort(host, p)
	s.hosts = map[string]bool{strings.ToLower(s.addr): true}
	if loopback(host) {
		s.hosts["localhost:"+p] = true
	}
	if ip, err := netip.ParseAddr(host); err == nil && ip.IsUnspecified() {
		s.hosts = nil // any IP literal on the port: see allowedHost
		s.anyIPPort = p
	}
}

// loopback reports whether host is this machine only.
func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// allowedHost reports whether a request's Host names this server.
func (s *Server) allowedHost(h string) bool {
	h = strings.ToLower(h)
	if s.hosts[h] {
		return true
	}
	if s.anyIPPort == "" {
		return false
	}
	host, port, err := net.SplitHostPort(h)
	if err != nil || port != s.anyIPPort {
		return false
	}
	_, err = netip.ParseAddr(host)
	return err == nil
}

// allowedOrigin reports whether an Origin (or the origin of a Referer)
// is this server's page as the request reached it: the same name the
// request is addressed to (host, one of this server's names). On an
// unspecified address, any IP literal names the server, and another
// machine's page on the same port would otherwise pass.
func (s *Server) allowedOrigin(o, host string) bool {
	u, err := url.Parse(o)
	if err != nil || u.Scheme != "http" || u.User != nil {
		return false
	}
	return strings.EqualFold(u.Host, host) && s.allowedHost(u.Host)
}

// guard wraps every handler: it refuses a request addressed to another
// name (403), bounds the body, and sets the headers that keep the page
// from being framed by another site or its files from being taken for
// another type.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Security-Policy", "frame-ancestors 'self'")
		h.Set("X-Frame-Options", "SAMEORIGIN")
		if !s.allowedHost(r.Host) {
			refuse(w, http.StatusForbidden, fmt.Sprintf("Requête refusée : elle s'adresse à « %s », pas à cette page (%s). Ouvrez %s.", r.Host, s.addr, s.URL()))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			// a client that never reads the PDF would hold its
			// connection, and the PDF it was sent, for ever; an
			// action's answer waits for the action, however long
			http.NewResponseController(w).SetWriteDeadline(time.Now().Add(writeWait))
		}
		next.ServeHTTP(w, r)
	})
}

// pageCSP is the policy of the HTML page: its own script, style and
// frames only, forms posted to itself only, nothing inline.
const pageCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'"

// checkPost accepts an action only from this server's page: the Origin
// (or, when a browser sends none, the Referer) must be this server, and
// the form or a header must carry the process's token. A page of another
// site can send a form here, but neither has this origin nor knows the
// token.
func (s *Server) checkPost(w http.ResponseWriter, r *http.Request) bool {
	origin := r.Header.Get("Origin")
	switch {
	case origin != "":
		if !s.allowedOrigin(origin, r.Host) {
			refuse(w, http.StatusForbidden, "Action refusée : elle vient d'une autre page que celle de cls ("+origin+"). Lancez les actions depuis "+s.URL()+".")
			return false
		}
	case r.Referer() != "":
		if !s.allowedOrigin(r.Referer(), r.Host) {
			refuse(w, http.StatusForbidden, "Action refusée : elle vient d'une autre page que celle de cls. Lancez les actions depuis "+s.URL()+".")
			return false
		}
	default:
		refuse(w, http.StatusForbidden, "Action refusée : sa page d'origine est inconnue. Lancez les actions depuis "+s.URL()+".")
		return false
	}
	if err := r.ParseForm(); err != nil {
		refuse(w, http.StatusRequestEntityTooLarge, "Action refusée : formulaire illisible ou trop long (au plus 16 Kio attendus).")
		return false
	}
	token := r.PostFormValue(tokenField)
	if token == "" {
		token = r.Header.Get(tokenHeader)
	}
	if subtle.ConstantTimeCompare([]byte(token), []byte(s.token)) != 1 {
		refuse(w, http.StatusForbidden, "Action refusée : jeton de sécurité absent ou périmé (la page vient peut-être d'un lancement précédent de cls). Rechargez la page et recommencez.")
		return false
	}
	return true
}

// refuse answers with a French sentence as plain text.
func refuse(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	fmt.Fprintln(w, msg)
}
