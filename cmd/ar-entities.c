/* SPDX-License-Identifier: MIT */
/* ar-entities: people, places and organisations named in Arabic text, line
 * by line. The recognizer is the library's; this file reads, filters and
 * prints. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "cli.h"

enum { OPT_GAZ = AR_OPT_FIRST_PRIVATE, OPT_COUNT, OPT_TYPES, OPT_XML, OPT_CONLL, OPT_NOBUILTIN, OPT_NOMODEL, OPT_MODEL,
       OPT_MERGE, OPT_NODOC, OPT_DOCMODEL };

static const ar_cli_opt opts[] = {
    {"gazetteer", OPT_GAZ, "FILE", "add the names of a TSV gazetteer (name, type, canonical[, aliases]); may repeat"},
    {"no-builtin", OPT_NOBUILTIN, NULL, "use only the --gazetteer files, not the built-in lists"},
    {"no-model", OPT_NOMODEL, NULL, "lists and rules only, without the statistical tagger"},
    {"model", OPT_MODEL, "FILE", "tag with the model in FILE (made by ar-ner-train) instead of the built-in one"},
    {"doc-model", OPT_DOCMODEL, "FILE", "the document pass's model in FILE (ar-ner-train --doc-output), with --model"},
    {"no-doc", OPT_NODOC, NULL, "tag each line alone, without the document pass (and print it as soon as it is read)"},
    {"types", OPT_TYPES, "LIST", "only these types, e.g. PER,LOC (PER, LOC, ORG, MISC)"},
    {"json", AR_OPT_JSON, NULL, "JSON Lines: file, line, start, end, text, type, canonical, rule"},
    {"count", OPT_COUNT, NULL, "canonical entities with their mention counts, most frequent first"},
    {"with-filename", 'H', NULL, "with --count: counts per file"},
    {"merge-counts", OPT_MERGE, NULL, "read --count outputs (of shards, of parallel jobs) and print their sums"},
    {"xml", OPT_XML, NULL, "write the input as XML with inline ENAMEX elements"},
    {"conll", OPT_CONLL, NULL, "one token per line with its BIO tag; a blank line after each line"},
    AR_CLI_COMMON_OPTS,
    {NULL, 0, NULL, NULL},
};

enum mode { M_LIST, M_JSON, M_COUNT, M_XML, M_CONLL };

typedef struct counter {
    char *key; /* type '\t' canonical */
    size_t klen;
    long n;
    size_t order;
} counter;

typedef struct job {
    ar_cli *cli;
    ar_entities *ents;
    ar_ent_doc *doc;
    enum mode mode;
    unsigned types;
    int per_file;
    long found;
    const char *name;
    counter *ctr;
    size_t nctr, capctr;
    size_t *hash;
    size_t caphash;
    xmlTextWriterPtr xw;
    ar_buf clean;
    int docpass; /* read lines in blocks, tagged twice (ar_entities_preview) */
} job;

static uint64_t hstr(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static int count_key(job *j, const char *key, size_t kl, long add);

static int count_add(job *j, unsigned type, const char *c, size_t n)
{
    char key[1024];
    const char *tn = ar_ent_type_name(type);
    if (n > sizeof key - 8)
        n = sizeof key - 8;
    size_t kl = (size_t)snprintf(key, sizeof key, "%s\t", tn);
    memcpy(key + kl, c, n);
    kl += n;
    return count_key(j, key, kl, 1);
}

/* Adds add to the counter of key (TYPE '\t' canonical). */
static int count_key(job *j, const char *key, size_t kl, long add)
{
    if ((j->nctr + 1) * 2 > j->caphash) {
        size_t nc = j->caphash ? j->caphash * 2 : 1024;
        size_t *t = malloc(nc * sizeof *t);
        if (!t)
            return AR_ENOMEM;
        for (size_t i = 0; i < nc; i++)
            t[i] = (size_t)-1;
        for (size_t i = 0; i < j->nctr; i++) {
            size_t s = (size_t)hstr(j->ctr[i].key, j->ctr[i].klen) & (nc - 1);
            while (t[s] != (size_t)-1)
                s = (s + 1) & (nc - 1);
            t[s] = i;
        }
        free(j->hash);
        j->hash = t;
        j->caphash = nc;
    }
    size_t s = (size_t)hstr(key, kl) & (j->caphash - 1);
    while (j->hash[s] != (size_t)-1) {
        counter *ct = &j->ctr[j->hash[s]];
        if (ct->klen == kl && !memcmp(ct->key, key, kl)) {
            ct->n += add;
            return AR_OK;
        }
        s = (s + 1) & (j->caphash - 1);
    }
    if (j->nctr == j->capctr) {
        size_t nc = j->capctr ? j->capctr * 2 : 256;
        counter *p = realloc(j->ctr, nc * sizeof *p);
        if (!p)
            return AR_ENOMEM;
        j->ctr = p;
        j->capctr = nc;
    }
    counter *ct = &j->ctr[j->nctr];
    ct->key = malloc(kl);
    if (!ct->key)
        return AR_ENOMEM;
    memcpy(ct->key, key, kl);
    ct->klen = kl;
    ct->n = add;
    ct->order = j->nctr;
    j->hash[s] = j->nctr++;
    return AR_OK;
}

static int cmp_ctr(const void *a, const void *b)
{
    const counter *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return x->order < y->order ? -1 : 1;
}

static void count_flush(job *j, const char *file)
{
    qsort(j->ctr, j->nctr, sizeof *j->ctr, cmp_ctr);
    for (size_t i = 0; i < j->nctr; i++) {
        if (file)
            printf("%s:", file);
        printf("%ld\t%.*s\n", j->ctr[i].n, (int)j->ctr[i].klen, j->ctr[i].key);
        free(j->ctr[i].key);
    }
    j->nctr = 0;
    for (size_t i = 0; i < j->caphash; i++)
        j->hash[i] = (size_t)-1;
}

/* XML cannot carry control characters or invalid bytes: U+FFFD for them. */
static const char *xml_text(job *j, const char *s, size_t n)
{
    ar_buf_clear(&j->clean);
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        int k = ar_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (cp < 0 || (cp < 0x20 && cp != '\t') || cp == 0xFFFE || cp == 0xFFFF)
            ar_buf_append(&j->clean, "\xef\xbf\xbd", 3);
        else
            ar_buf_append(&j->clean, s + i, (size_t)k);
        i += (size_t)k;
    }
    ar_buf_putc(&j->clean, '\0');
    return j->clean.ptr;
}

static void xml_string(job *j, const char *s, size_t n)
{
    xmlTextWriterWriteString(j->xw, (const xmlChar *)xml_text(j, s, n));
}

static int do_line(job *j, uint64_t no, const char *line, size_t len)
{
    const ar_entity *es;
    size_t n;
    int rc = ar_entities_line(j->ents, j->doc, line, len, &es, &n);
    if (rc)
        return rc;
    size_t pos = 0;
    if (j->mode == M_XML)
        xmlTextWriterStartElement(j->xw, BAD_CAST "line");
    const ar_ent_token *toks = NULL;
    size_t ntoks = 0, e = 0;
    if (j->mode == M_CONLL) {
        ar_ent_doc_tokens(j->doc, &toks, &ntoks);
        for (size_t t = 0; t < ntoks; t++) {
            const char *tag = "O";
            const char *tn = "";
            while (e < n && (es[e].end <= toks[t].start || !(es[e].type & j->types)))
                e++;
            if (e < n && es[e].start < toks[t].end) {
                tn = ar_ent_type_name(es[e].type);
                tag = es[e].start >= toks[t].start ? "B-" : "I-";
                /* a later token of the same entity */
                if (t > 0 && toks[t - 1].end > es[e].start)
                    tag = "I-";
            }
            printf("%.*s\t%s%s\n", (int)(toks[t].end - toks[t].start), line + toks[t].start, tag, tn);
        }
        putchar('\n');
    }
    for (size_t i = 0; i < n; i++) {
        const ar_entity *x = &es[i];
        if (!(x->type & j->types))
            continue;
        j->found++;
        switch (j->mode) {
        case M_LIST:
            printf("%s:%llu: %s\t%.*s\t%.*s\n", j->name, (unsigned long long)no, ar_ent_type_name(x->type),
                   (int)(x->end - x->start), line + x->start, (int)x->canonical_len, x->canonical);
            break;
        case M_JSON:
            fputs("{\"file\":", stdout);
            ar_json_write_str(stdout, j->name, strlen(j->name));
            printf(",\"line\":%llu,\"start\":%zu,\"end\":%zu,\"text\":", (unsigned long long)no, x->start, x->end);
            ar_json_write_str(stdout, line + x->start, x->end - x->start);
            printf(",\"type\":\"%s\",\"canonical\":", ar_ent_type_name(x->type));
            ar_json_write_str(stdout, x->canonical, x->canonical_len);
            fputs(",\"rule\":", stdout);
            ar_json_write_str(stdout, x->rule, strlen(x->rule));
            fputs("}\n", stdout);
            break;
        case M_COUNT:
            if (count_add(j, x->type, x->canonical, x->canonical_len))
                return AR_ENOMEM;
            break;
        case M_XML:
            xml_string(j, line + pos, x->start - pos);
            xmlTextWriterStartElement(j->xw, BAD_CAST "ENAMEX");
            xmlTextWriterWriteAttribute(j->xw, BAD_CAST "TYPE", BAD_CAST ar_ent_type_name(x->type));
            xmlTextWriterWriteAttribute(j->xw, BAD_CAST "CANONICAL", BAD_CAST xml_text(j, x->canonical, x->canonical_len));
            xml_string(j, line + x->start, x->end - x->start);
            xmlTextWriterEndElement(j->xw);
            pos = x->end;
            break;
        case M_CONLL:
            break;
        }
    }
    if (j->mode == M_XML) {
        xml_string(j, line + pos, len - pos);
        xmlTextWriterEndElement(j->xw);
        xmlTextWriterWriteString(j->xw, BAD_CAST "\n");
    }
    return AR_OK;
}

static void run(job *j, const char *path)
{
    ar_input *in = ar_cli_open(j->cli, path);
    if (!in)
        return;
    j->name = ar_cli_name(path);
    ar_ent_doc_reset(j->doc);
    if (j->mode == M_XML) {
        xmlTextWriterStartElement(j->xw, BAD_CAST "DOC");
        xmlTextWriterWriteAttribute(j->xw, BAD_CAST "file", BAD_CAST xml_text(j, j->name, strlen(j->name)));
        xmlTextWriterWriteString(j->xw, BAD_CAST "\n");
    }
    ar_chunk ch;
    int r, rc = 0;
    while (!rc && (r = ar_input_next(in, &ch)) > 0) {
        size_t pos = 0, ll;
        const char *line;
        int nl;
        uint64_t no = ch.first_line;
        /* with the document pass, blocks of lines, all inside this chunk
         * (so still in memory), previewed, then read and printed in order;
         * without, blocks of one line (the preview does nothing) */
        const char *bl[AR_ENT_BLOCK_LINES];
        size_t blen[AR_ENT_BLOCK_LINES], block = j->docpass ? AR_ENT_BLOCK_LINES : 1;
        int more = 1;
        while (!rc && more) {
            size_t nb = 0;
            while (nb < block && (more = ar_chunk_next_line(&ch, &pos, &line, &ll, &nl))) {
                bl[nb] = line;
                blen[nb++] = ll;
                if ((rc = ar_entities_preview(j->ents, j->doc, line, ll)))
                    break;
            }
            for (size_t k = 0; !rc && k < nb; k++)
                rc = do_line(j, no++, bl[k], blen[k]);
        }
        ar_cli_check_stdout(j->cli);
    }
    if (r < 0)
        ar_cli_error(j->cli, j->name, "read error: %s", r == AR_EIO ? strerror(errno) : ar_strerror(r));
    else if (rc)
        ar_cli_error(j->cli, j->name, "%s", ar_strerror(rc));
    if (j->mode == M_XML) {
        xmlTextWriterEndElement(j->xw);
        xmlTextWriterWriteString(j->xw, BAD_CAST "\n");
    }
    if (j->mode == M_COUNT && j->per_file)
        count_flush(j, j->name);
    ar_cli_note_invalid(j->cli, j->name, in, 0);
    ar_input_free(in);
}

/* --merge-counts: lines "COUNT<TAB>TYPE<TAB>canonical" (as --count writes
 * them, or "FILE:COUNT..." as with -H) summed by type and canonical. */
static void merge_file(job *j, const char *path)
{
    ar_input *in = ar_cli_open(j->cli, path);
    if (!in)
        return;
    const char *name = ar_cli_name(path);
    ar_chunk ch;
    int r, bad = 0;
    while (!bad && (r = ar_input_next(in, &ch)) > 0) {
        size_t pos = 0, ll;
        const char *line;
        int nl;
        uint64_t no = ch.first_line;
        while (!bad && ar_chunk_next_line(&ch, &pos, &line, &ll, &nl)) {
            const char *tab = memchr(line, '\t', ll);
            size_t k = tab ? (size_t)(tab - line) : 0, d = k;
            while (d > 0 && line[d - 1] >= '0' && line[d - 1] <= '9')
                d--;
            const char *rest = tab ? tab + 1 : NULL;
            size_t rl = tab ? ll - k - 1 : 0;
            const char *tab2 = rest ? memchr(rest, '\t', rl) : NULL;
            unsigned type = 0;
            if (tab2) {
                char tn[8];
                size_t tl = (size_t)(tab2 - rest);
                if (tl < sizeof tn) {
                    memcpy(tn, rest, tl);
                    tn[tl] = 0;
                    if (ar_ent_types_parse(tn, &type) || (type & (type - 1)))
                        type = 0;
                }
            }
            if (ll == 0) {
                no++;
                continue;
            }
            if (!tab || d == k || k - d > 18 || (d > 0 && line[d - 1] != ':') || !type) {
                fprintf(stderr, "%s: %s:%llu: not a line of ar-entities --count (COUNT<TAB>TYPE<TAB>canonical)\n",
                        j->cli->prog, name, (unsigned long long)no);
                j->cli->status = AR_EXIT_TROUBLE;
                bad = 1;
                break;
            }
            long n = strtol(line + d, NULL, 10);
            if (count_key(j, rest, rl, n)) {
                ar_cli_error(j->cli, name, "out of memory");
                bad = 1;
                break;
            }
            j->found++;
            no++;
        }
    }
    if (!bad && r < 0)
        ar_cli_error(j->cli, name, "read error: %s", r == AR_EIO ? strerror(errno) : ar_strerror(r));
    ar_input_free(in);
}

static int load_gazetteer(ar_cli *cli, ar_gazetteer *g, const char *path)
{
    ar_diag dg;
    memset(&dg, 0, sizeof dg);
    ar_input *in = ar_cli_open(cli, path);
    if (!in)
        return -1;
    ar_buf all = {0};
    ar_chunk ch;
    int r;
    while ((r = ar_input_next(in, &ch)) > 0)
        if (ar_buf_append(&all, ch.text, ch.len)) {
            r = AR_ENOMEM;
            break;
        }
    ar_input_free(in);
    if (r < 0) {
        ar_cli_error(cli, path, "%s", r == AR_EIO ? strerror(errno) : ar_strerror(r));
        ar_buf_free(&all);
        return -1;
    }
    int rc = ar_gazetteer_add_tsv(g, all.ptr, all.len, path, &dg);
    ar_buf_free(&all);
    if (rc == AR_ESYNTAX) {
        fprintf(stderr, "%s: %s:%ld: %s\n", cli->prog, path, dg.line, dg.msg);
        cli->status = AR_EXIT_TROUBLE;
        return -1;
    }
    if (rc) {
        ar_cli_error(cli, path, "%s", ar_strerror(rc));
        return -1;
    }
    return 0;
}

/* Reads a model file; on failure says why (prog: FILE: message), returns 1. */
static int load_model(ar_cli *cli, const char *path, ar_ner_model **out)
{
    ar_diag dg;
    memset(&dg, 0, sizeof dg);
    int rc = ar_ner_model_load(out, path, &dg);
    if (rc == AR_ESYNTAX)
        ar_cli_error(cli, path, "%s", dg.msg);
    else if (rc)
        ar_cli_error(cli, path, "%s", rc == AR_EIO ? strerror(errno) : rc == AR_ENOTFOUND ? "no such file" : ar_strerror(rc));
    return rc != 0;
}

int main(int argc, char **argv)
{
    ar_cli cli;
    ar_cli_init(&cli, "ar-entities", "[OPTION]... [FILE]...",
                "find people (PER), places (LOC), organisations (ORG) and other names (MISC) in Arabic text", opts);
    job j;
    memset(&j, 0, sizeof j);
    j.cli = &cli;
    j.types = AR_ENT_ALL;
    const char *gaz[64];
    int ngaz = 0, builtin = 1, use_model = 1, merge = 0, c;
    const char *model_path = NULL, *doc_path = NULL;
    int nodoc = 0;
    while ((c = ar_cli_getopt(&cli, argc, argv)) != -1) {
        if (ar_cli_common_opt(&cli, c, optarg))
            continue;
        switch (c) {
        case OPT_GAZ:
            if (ngaz == 64)
                ar_cli_usage_error(&cli, "--gazetteer: at most 64 files");
            gaz[ngaz++] = optarg;
            break;
        case OPT_NOBUILTIN: builtin = 0; break;
        case OPT_NOMODEL: use_model = 0; break;
        case OPT_MERGE: merge = 1; break;
        case OPT_MODEL: model_path = optarg; break;
        case OPT_DOCMODEL: doc_path = optarg; break;
        case OPT_NODOC: nodoc = 1; break;
        case OPT_TYPES:
            if (ar_ent_types_parse(optarg, &j.types))
                ar_cli_usage_error(&cli, "--types: want a list of PER, LOC, ORG, MISC, not '%s'", optarg);
            break;
        case AR_OPT_JSON: j.mode = M_JSON; break;
        case OPT_COUNT: j.mode = M_COUNT; break;
        case 'H': j.per_file = 1; break;
        case OPT_XML: j.mode = M_XML; break;
        case OPT_CONLL: j.mode = M_CONLL; break;
        default: ar_cli_usage_error(&cli, "unhandled option");
        }
    }
    if (merge) {
        /* no recognition: sum the counts of earlier runs */
        if (optind >= argc)
            merge_file(&j, NULL);
        for (int i = optind; i < argc; i++)
            merge_file(&j, argv[i]);
        count_flush(&j, NULL);
        for (size_t i = 0; i < j.nctr; i++)
            free(j.ctr[i].key);
        free(j.ctr);
        free(j.hash);
        int st = cli.status ? cli.status : (j.found ? AR_EXIT_OK : AR_EXIT_NONE);
        ar_cli_done(&cli);
        return ar_cli_finish(&cli, st);
    }
    const ar_ner_model *model = NULL;
    ar_ner_model *loaded = NULL, *doc_loaded = NULL;
    if ((use_model && doc_path && !nodoc && load_model(&cli, doc_path, &doc_loaded)) ||
        (use_model && model_path && load_model(&cli, model_path, &loaded))) {
        ar_ner_model_free(doc_loaded);
        ar_cli_done(&cli);
        return ar_cli_finish(&cli, AR_EXIT_TROUBLE);
    }
    if (use_model && model_path) {
        model = loaded;
    } else if (use_model) {
        model = ar_ner_model_builtin();
        if (!model) {
            ar_cli_error(&cli, NULL, "this build has no built-in tagger model: use --model FILE or --no-model");
            ar_cli_done(&cli);
            return ar_cli_finish(&cli, AR_EXIT_TROUBLE);
        }
    }
    ar_gazetteer *g = NULL;
    int rc = ar_gazetteer_new(&g, builtin ? AR_GAZ_BUILTIN : 0);
    if (rc) {
        ar_cli_error(&cli, NULL, "cannot build the gazetteer: %s", ar_strerror(rc));
        ar_ner_model_free(loaded);
        ar_cli_done(&cli);
        return ar_cli_finish(&cli, AR_EXIT_TROUBLE);
    }
    for (int i = 0; i < ngaz; i++)
        if (load_gazetteer(&cli, g, gaz[i])) {
            ar_gazetteer_free(g);
            ar_ner_model_free(loaded);
            ar_cli_done(&cli);
            return ar_cli_finish(&cli, AR_EXIT_TROUBLE);
        }
    int ready = 0;
    rc = ar_entities_new_model(&j.ents, g, model);
    if (rc == AR_EINVAL)
        ar_cli_error(&cli, model_path, "a document-pass model: give it with --doc-model");
    else if (rc)
        ar_cli_error(&cli, NULL, "out of memory");
    else if (doc_loaded && ar_entities_set_doc_model(j.ents, doc_loaded))
        ar_cli_error(&cli, doc_path, "not a document-pass model (ar-ner-train --doc-output makes one)");
    else if (ar_ent_doc_new(&j.doc))
        ar_cli_error(&cli, NULL, "out of memory");
    else
        ready = 1;
    if (ready) {
        if (nodoc)
            ar_entities_set_doc_model(j.ents, NULL);
        j.docpass = ar_entities_has_doc_pass(j.ents);
        ar_ent_doc_keep_tokens(j.doc, j.mode == M_CONLL);
        if (j.mode == M_XML) {
            xmlOutputBufferPtr ob = xmlOutputBufferCreateFile(stdout, NULL);
            j.xw = ob ? xmlNewTextWriter(ob) : NULL;
            if (!j.xw)
                ar_cli_error(&cli, NULL, "cannot create the XML writer");
            else {
                xmlTextWriterStartDocument(j.xw, NULL, "UTF-8", NULL);
                xmlTextWriterStartElement(j.xw, BAD_CAST "ENTITIES");
                xmlTextWriterWriteString(j.xw, BAD_CAST "\n");
            }
        }
        if (j.mode != M_XML || j.xw) {
            if (optind >= argc)
                run(&j, NULL);
            for (int i = optind; i < argc; i++)
                run(&j, argv[i]);
        }
        if (j.xw) {
            xmlTextWriterEndElement(j.xw);
            if (xmlTextWriterEndDocument(j.xw) < 0)
                ar_cli_error(&cli, NULL, "write error");
            xmlFreeTextWriter(j.xw);
        }
        if (j.mode == M_COUNT && !j.per_file)
            count_flush(&j, NULL);
    }
    for (size_t i = 0; i < j.nctr; i++)
        free(j.ctr[i].key);
    free(j.ctr);
    free(j.hash);
    ar_buf_free(&j.clean);
    ar_ent_doc_free(j.doc);
    ar_entities_free(j.ents);
    ar_gazetteer_free(g);
    ar_ner_model_free(loaded);
    ar_ner_model_free(doc_loaded);
    int status = cli.status ? cli.status : (j.found ? AR_EXIT_OK : AR_EXIT_NONE);
    ar_cli_done(&cli);
    return ar_cli_finish(&cli, status);
}
