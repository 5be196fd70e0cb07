from django.urls import path

from regie.persons import views

app_name = "persons"
urlpatterns = [
    path("", views.search, name="search"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/feiten/", views.fact_add, name="fact_add"),
    path("<int:pk>/samenvoegen/<int:duplicate_pk>/", views.merge, name="merge"),
    path("<int:pk>/samenvoeging-ongedaan/", views.unmerge, name="unmerge"),
]
